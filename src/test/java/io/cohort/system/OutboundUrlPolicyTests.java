package io.cohort.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The outbound-URL policy every URL a tenant configures passes (GH-10, SSRF). */
class OutboundUrlPolicyTests {

	private static final InetAddress PUBLIC = address("93.184.215.14");

	private final OutboundUrlPolicy strict = new OutboundUrlPolicy(false, false, host -> resolveLiteral(host));

	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1", "https://127.1.2.3/api", "https://[::1]", "https://0.0.0.0",
			"https://10.0.0.8", "https://172.16.4.1", "https://192.168.1.1", "https://169.254.169.254",
			"https://100.64.0.1", "https://[fd00::1]", "https://[fe80::1]", "https://[::ffff:127.0.0.1]",
			"https://[::ffff:169.254.169.254]", "https://224.0.0.1", "https://255.255.255.255", "https://localhost" })
	void refusesInternalAddressesWhenSaved(String url) {
		assertThatExceptionOfType(CohortException.class).isThrownBy(() -> strict.check("base_url", url))
			.satisfies(ex -> assertThat(fieldError(ex)).contains("internal address"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://api.example.sg", "ftp://api.example.sg", "https://user:pass@api.example.sg",
			"https://api.example.sg/path?", "https://api.example.sg/path?x=1", "https://api.example.sg#x", "https://",
			"api.example.sg", "", "  ", "https://exa mple.sg", "mailto:ops@example.sg", "file:///etc/passwd" })
	void refusesUrlsOfTheWrongForm(String url) {
		assertThatExceptionOfType(CohortException.class).isThrownBy(() -> strict.check("base_url", url));
	}

	@Test
	void acceptsAPublicHttpsUrlWithoutItsTrailingSlash() {
		assertThat(strict.check("base_url", " https://api.example.sg/tpg/ "))
			.isEqualTo(URI.create("https://api.example.sg/tpg"));
	}

	@Test
	void refusesAHostThatDoesNotResolve() {
		OutboundUrlPolicy policy = new OutboundUrlPolicy(false, false, host -> {
			throw new UnknownHostException(host);
		});
		assertThatExceptionOfType(CohortException.class)
			.isThrownBy(() -> policy.check("base_url", "https://nowhere.example"))
			.satisfies(ex -> assertThat(fieldError(ex)).contains("does not resolve"));
	}

	@Test
	void refusesAHostWithAnyInternalAddressAmongItsAddresses() {
		OutboundUrlPolicy policy = new OutboundUrlPolicy(false, false,
				host -> new InetAddress[] { PUBLIC, address("10.1.2.3") });
		assertThatExceptionOfType(CohortException.class)
			.isThrownBy(() -> policy.check("base_url", "https://mixed.example"));
	}

	@Test
	void refusesAtConnectTimeAHostThatResolvedPubliclyWhenSaved() {
		Deque<InetAddress> answers = new ArrayDeque<>();
		answers.add(PUBLIC);
		answers.add(address("127.0.0.1"));
		OutboundUrlPolicy policy = new OutboundUrlPolicy(false, false, host -> new InetAddress[] { answers.poll() });
		URI saved = policy.check("base_url", "https://rebinding.example");
		assertThatExceptionOfType(OutboundUrlPolicy.Refused.class).isThrownBy(() -> policy.connectable(saved))
			.withMessageContaining("127.0.0.1");
	}

	@Test
	void aRequestMayCarryAQueryWhereASavedUrlMayNot() {
		assertThatNoException()
			.isThrownBy(() -> strict.connectable(URI.create("https://api.example.sg/runs?uen=1&page=2")));
		assertThatExceptionOfType(OutboundUrlPolicy.Refused.class)
			.isThrownBy(() -> strict.connectable(URI.create("https://user:pw@api.example.sg/runs?page=2")));
	}

	@Test
	void theLocalRunMayCallItsOwnSimulatorsOverHttp() {
		OutboundUrlPolicy local = new OutboundUrlPolicy(true, true, host -> resolveLiteral(host));
		assertThatNoException()
			.isThrownBy(() -> local.check("base_url", "http://localhost:8080/simulators/tpgateway/X"));
		assertThatExceptionOfType(CohortException.class)
			.isThrownBy(() -> local.check("base_url", "http://user:pw@localhost:8080/x"));
	}

	@Test
	void privateAddressesAloneDoNotAllowPlainHttp() {
		OutboundUrlPolicy policy = new OutboundUrlPolicy(false, true, host -> resolveLiteral(host));
		assertThatExceptionOfType(CohortException.class).isThrownBy(() -> policy.check("base_url", "http://10.0.0.1"));
		assertThatNoException().isThrownBy(() -> policy.check("base_url", "https://10.0.0.1"));
	}

	/**
	 * The message of the one field error a refusal carries, checked to be on
	 * {@code base_url}.
	 */
	private static String fieldError(CohortException refused) {
		assertThat(refused.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
		@SuppressWarnings("unchecked")
		java.util.List<java.util.Map<String, String>> errors = (java.util.List<java.util.Map<String, String>>) refused
			.properties()
			.get("errors");
		assertThat(errors).singleElement().satisfies(error -> assertThat(error.get("field")).isEqualTo("base_url"));
		return errors.get(0).get("message");
	}

	private static InetAddress[] resolveLiteral(String host) throws UnknownHostException {
		if (host.equals("localhost")) {
			return new InetAddress[] { address("127.0.0.1"), address("::1") };
		}
		if (host.matches("[0-9.]+") || host.contains(":")) {
			return new InetAddress[] { InetAddress.getByName(host) };
		}
		return new InetAddress[] { PUBLIC };
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
