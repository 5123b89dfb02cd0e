package io.cohort.ui;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.cohort.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers get HTML error pages in the layout, with the status, a plain-words message and
 * the correlation id, while API clients and htmx keep the JSON problem (GH-10); and the
 * favicon is served.
 */
class ErrorPagesTests extends IntegrationTest {

	private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@LocalServerPort
	int port;

	private WebClient web;

	@BeforeEach
	void signIn() {
		web = new WebClient(port);
		assertThat(web.login("demo", "ops@demo.cohort.local", WebShellTests.PASSWORD).statusCode()).isEqualTo(302);
	}

	@Test // GH-10
	void aBrowserGetsAnHtmlPageForAnUnknownId() {
		HttpResponse<String> page = web.getWith("/courses/" + UUID.randomUUID(), Map.of("Accept", BROWSER));

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		String correlationId = page.headers().firstValue("X-Correlation-ID").orElseThrow();
		assertThat(page.body()).contains("<h1>Not found</h1>")
			.contains("<dd data-testid=\"error-status\">404</dd>")
			.contains("<code>" + correlationId + "</code>")
			.contains("href=\"#main\"")
			.contains("ops@demo.cohort.local")
			.doesNotContain("\"code\"", "Exception", "io.cohort.");
	}

	@Test // GH-10
	void aBrowserGetsAnHtmlPageForAnUnknownPath() {
		HttpResponse<String> page = web.getWith("/no-such-page", Map.of("Accept", BROWSER));

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.body()).contains("<h1>Not found</h1>").contains("rel=\"icon\"");
	}

	@Test // GH-10
	void aBrowserGetsAnHtmlPageForAFailureOutsideAnyController() {
		// the firewall refuses a semicolon in the path before any controller: the
		// container's /error answers
		HttpResponse<String> page = web.getWith("/courses;x=1", Map.of("Accept", BROWSER));
		HttpResponse<String> problem = web.getWith("/courses;x=1", Map.of("Accept", "*/*"));

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("<h1>That did not work</h1>")
			.contains("<dd data-testid=\"error-status\">400</dd>");
		assertThat(problem.statusCode()).isEqualTo(400);
		assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test // GH-10
	void apiClientsAndHtmxKeepTheProblem() {
		String path = "/courses/" + UUID.randomUUID();

		for (Map<String, String> headers : java.util.List.of(Map.of("Accept", "*/*"),
				Map.of("Accept", "application/json"), Map.<String, String>of(),
				Map.of("Accept", BROWSER, "HX-Request", "true"))) {
			HttpResponse<String> answer = web.getWith(path, headers);
			assertThat(answer.statusCode()).as("%s", headers).isEqualTo(404);
			assertThat(answer.headers().firstValue("Content-Type")).as("%s", headers)
				.hasValue("application/problem+json");
			assertThat(answer.body()).contains("\"code\":\"not-found\"");
		}
	}

	@Test // GH-10
	void servesTheFaviconAlsoAtTheAddressBrowsersGuess() {
		WebClient anonymous = new WebClient(port);

		HttpResponse<String> ico = anonymous.get("/favicon.ico");
		HttpResponse<String> svg = anonymous.get("/favicon.svg");

		assertThat(ico.statusCode()).isEqualTo(301);
		assertThat(ico.headers().firstValue("Location")).hasValue("/favicon.svg");
		assertThat(svg.statusCode()).isEqualTo(200);
		assertThat(svg.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
		assertThat(svg.body()).startsWith("<svg");
		assertThat(anonymous.get("/login").body())
			.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.svg\">");
	}

}
