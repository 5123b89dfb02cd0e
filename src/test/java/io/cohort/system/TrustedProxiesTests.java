package io.cohort.system;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Forwarded headers count only from configured proxies, and never let a client choose its
 * own address.
 */
class TrustedProxiesTests {

	@Test
	void ignoresForwardedHeadersWhenNoProxyIsConfigured() throws Exception {
		HttpServletRequest seen = through(new TrustedProxies(""), request("10.0.0.5", "203.0.113.9", "https"));

		assertThat(seen.getRemoteAddr()).isEqualTo("10.0.0.5");
		assertThat(seen.isSecure()).isFalse();
	}

	@Test
	void ignoresForwardedHeadersFromAnInternalAddressThatIsNotAConfiguredProxy() throws Exception {
		HttpServletRequest seen = through(new TrustedProxies("10.1.0.0/16"),
				request("10.2.0.5", "203.0.113.9", "https"));

		assertThat(seen.getRemoteAddr()).isEqualTo("10.2.0.5");
		assertThat(seen.getScheme()).isEqualTo("http");
	}

	@Test
	void takesTheClientAndSchemeFromATrustedProxy() throws Exception {
		HttpServletRequest seen = through(new TrustedProxies("10.1.0.0/16"),
				request("10.1.2.3", "203.0.113.9", "https"));

		assertThat(seen.getRemoteAddr()).isEqualTo("203.0.113.9");
		assertThat(seen.isSecure()).isTrue();
		assertThat(seen.getScheme()).isEqualTo("https");
		assertThat(seen.getServerPort()).isEqualTo(443);
	}

	@Test
	void refusesAnAddressTheClientPrependedItself() throws Exception {
		HttpServletRequest seen = through(new TrustedProxies("10.1.0.0/16, 192.168.7.7"),
				request("10.1.2.3", "198.51.100.1, 203.0.113.9, 192.168.7.7", null));

		assertThat(seen.getRemoteAddr()).isEqualTo("203.0.113.9");
	}

	@Test
	void stopsAtAForwardedValueThatIsNotAnAddress() throws Exception {
		HttpServletRequest seen = through(new TrustedProxies("10.1.0.0/16"),
				request("10.1.2.3", "203.0.113.9, evil.example.com", null));

		assertThat(seen.getRemoteAddr()).isEqualTo("10.1.2.3");
	}

	@Test
	void understandsIpv6Networks() throws Exception {
		TrustedProxies proxies = new TrustedProxies("fd00:1::/32");

		assertThat(through(proxies, request("fd00:1:ffff::9", "2001:db8::7", null)).getRemoteAddr())
			.isEqualTo("2001:db8:0:0:0:0:0:7");
		assertThat(through(proxies, request("fd00:2::9", "2001:db8::7", null)).getRemoteAddr()).isEqualTo("fd00:2::9");
		assertThat(proxies.trusted("10.0.0.1")).isFalse();
	}

	@Test
	void refusesAMalformedProxyListAtStartUp() {
		assertThatThrownBy(() -> new TrustedProxies("10.0.0.0/33")).isInstanceOf(InvalidSetting.class)
			.hasMessageContaining("COHORT_TRUSTED_PROXIES");
		assertThatThrownBy(() -> new TrustedProxies("proxy.internal")).isInstanceOf(InvalidSetting.class)
			.hasMessageContaining("COHORT_TRUSTED_PROXIES");
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor, String proto) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
		request.setRemoteAddr(peer);
		request.addHeader("X-Forwarded-For", forwardedFor);
		if (proto != null) {
			request.addHeader("X-Forwarded-Proto", proto);
		}
		return request;
	}

	private static HttpServletRequest through(TrustedProxies filter, MockHttpServletRequest request)
			throws ServletException, IOException {
		AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
		filter.doFilter(request, new MockHttpServletResponse(),
				new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
					@Override
					protected void service(HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
						seen.set(req);
					}
				}));
		return seen.get();
	}

}
