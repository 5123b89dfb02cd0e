package io.cohort.system;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-app simulators stand in for remote systems: their traffic is not the
 * application's, so it gets no access-log line; everything else does.
 */
class AccessLogTests {

	private final AccessLog accessLog = new AccessLog();

	@Test
	void theSimulatorsOfRemoteSystemsAreNotLogged() {
		assertThat(accessLog.shouldNotFilter(request("", "/simulators/tpgateway/tpg/enrolments"))).isTrue();
		assertThat(
				accessLog.shouldNotFilter(request("/cohort", "/cohort/simulators/moodle/webservice/rest/server.php")))
			.isTrue();
	}

	@Test
	void everythingElseIsLogged() {
		assertThat(accessLog.shouldNotFilter(request("", "/api/v1/me"))).isFalse();
		assertThat(accessLog.shouldNotFilter(request("", "/simulatorsx/tpgateway"))).isFalse();
		assertThat(accessLog.shouldNotFilter(request("/cohort", "/simulators/tpgateway/x"))).isFalse();
	}

	private static MockHttpServletRequest request(String contextPath, String uri) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		request.setContextPath(contextPath);
		return request;
	}

}
