package io.cohort.ui;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.sql.DataSource;

import io.cohort.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Web sessions live in PostgreSQL, not in an instance: a second session store on the same
 * database (as another instance has) finds a login made here, and a logout there is a
 * logout here, with no sticky routing involved.
 */
class SharedSessionsIntegrationTests extends IntegrationTest {

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void anotherInstanceSeesTheLoginAndItsLogoutEndsItHere() {
		WebClient web = new WebClient(port);
		HttpResponse<String> login = web.login("demo", "ops@demo.cohort.local", WebShellTests.PASSWORD);
		assertThat(login.statusCode()).isEqualTo(302);
		String sessionId = sessionId(login);
		assertThat(web.get("/").statusCode()).isEqualTo(200);

		JdbcIndexedSessionRepository otherInstance = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource),
				new TransactionTemplate(transactions));
		Session shared = otherInstance.findById(sessionId);
		assertThat(shared).isNotNull();
		SecurityContext context = shared.getAttribute("SPRING_SECURITY_CONTEXT");
		assertThat(context.getAuthentication().getName()).isEqualTo("ops@demo.cohort.local");

		otherInstance.deleteById(sessionId);

		HttpResponse<String> after = web.get("/");
		assertThat(after.statusCode()).isEqualTo(302);
		assertThat(after.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
	}

	private static String sessionId(HttpResponse<String> login) {
		String cookie = login.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(value -> value.startsWith("COHORT_SESSION="))
			.findFirst()
			.orElseThrow();
		String value = cookie.substring("COHORT_SESSION=".length(), cookie.indexOf(';'));
		return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
	}

}
