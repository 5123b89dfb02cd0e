package io.cohort.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.system.SecretBox;
import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Authenticator;
import io.cohort.testing.MovableClock;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole second-factor flow (enrol, confirm, log in, recover, remove) against the real
 * database, with a clock the test moves: a code counts one 30-second step either side of
 * now, and once only.
 */
class SecondFactorClockIntegrationTests extends ApiIntegrationTest {

	private static final String ADDRESS = "192.0.2.10";

	@Autowired
	SecretBox secrets;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	TenantRepository tenantRepository;

	@Autowired
	UserRepository users;

	@Autowired
	Passwords passwords;

	@Autowired
	LoginThrottle throttle;

	@Autowired
	AccessTokens accessTokens;

	@Autowired
	RefreshTokens refreshTokens;

	@Autowired
	PrincipalLoader principals;

	@Autowired
	TenantManagement tenantManagement;

	private final MovableClock clock = new MovableClock(Instant.parse("2031-03-04T05:06:00Z"));

	private SecondFactorManagement factors;

	private Logins logins;

	private String slug;

	private CohortPrincipal admin;

	@BeforeEach
	void tenantAndClock() {
		factors = new SecondFactorManagement(jdbc, secrets, clock, events, tx);
		logins = new Logins(tenantRepository, users, passwords, throttle, accessTokens, refreshTokens, principals,
				factors, events, tx);
		slug = Api.unique("totp").toLowerCase();
		TenantManagement.CreatedTenant created = tenantManagement.create(new TenantManagement.NewTenant(slug,
				"Second Factor Academy", "201912345K", null, "boss@" + slug + ".test", Api.PASSWORD));
		admin = new CohortPrincipal(CohortPrincipal.Kind.USER, created.admin().id(), created.tenant().id(), slug,
				created.admin().email(), Set.of(Role.ADMIN));
	}

	@Test
	void acceptsACodeOneStepEitherSideOfNowOnceOnly() {
		String secret = Tenants.as(admin, factors::start).secret();
		Tenants.as(admin, () -> factors.confirm(Authenticator.code(secret, clock.instant(), 0)));

		assertRefused(null, "totp-required");
		assertRefused(Authenticator.code(secret, clock.instant(), 0), "invalid-totp-code"); // spent
																							// by
																							// the
																							// confirmation

		clock.advance(Duration.ofSeconds(30));
		String current = Authenticator.code(secret, clock.instant(), 0);
		assertThat(login(current)).isNotNull();
		assertRefused(current, "invalid-totp-code");

		clock.advance(Duration.ofMinutes(2));
		assertRefused(Authenticator.code(secret, clock.instant(), -2), "invalid-totp-code");
		assertRefused(Authenticator.code(secret, clock.instant(), 2), "invalid-totp-code");
		assertThat(login(Authenticator.code(secret, clock.instant(), -1))).isNotNull();
		assertThat(login(Authenticator.code(secret, clock.instant(), 1))).isNotNull();
		assertRefused(Authenticator.code(secret, clock.instant(), 0), "invalid-totp-code"); // older
																							// than
																							// the
																							// last
																							// used
	}

	@Test
	void aConfirmationNeedsACodeOfNow() {
		String secret = Tenants.as(admin, factors::start).secret();
		String early = Authenticator.code(secret, clock.instant(), 0);

		clock.advance(Duration.ofMinutes(5));

		assertThatThrownBy(() -> Tenants.as(admin, () -> factors.confirm(early))).isInstanceOfSatisfying(
				CohortException.class, ex -> assertThat(ex.code()).isEqualTo(ProblemCode.TOTP_CODE_MISMATCH));
		assertThat(Tenants.as(admin, () -> factors.confirm(Authenticator.code(secret, clock.instant(), 0))))
			.hasSize(10);
	}

	@Test
	void recoveryCodesStandInForALostDeviceUntilTheFactorIsRemoved() {
		String secret = Tenants.as(admin, factors::start).secret();
		List<String> codes = Tenants.as(admin, () -> factors.confirm(Authenticator.code(secret, clock.instant(), 0)));
		clock.advance(Duration.ofDays(30));

		assertThat(logins.login(slug, admin.name(), Api.PASSWORD, null, codes.get(0), ADDRESS)).isNotNull();
		assertThatThrownBy(() -> logins.login(slug, admin.name(), Api.PASSWORD, null, codes.get(0), ADDRESS))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.INVALID_TOTP_CODE));

		Tenants.run(admin, () -> factors.disable(null, codes.get(1))); // an unused
																		// recovery code
																		// stands in for
																		// the device

		assertThat(logins.login(slug, admin.name(), Api.PASSWORD, ADDRESS)).isNotNull();
		assertThat(factors.enrolled(admin.id())).isFalse();
	}

	@Test
	void onlyAUserEnrolsASecondFactor() {
		CohortPrincipal key = new CohortPrincipal(CohortPrincipal.Kind.API_KEY, UUID.randomUUID(), admin.tenantId(),
				admin.tenantSlug(), "crm key", Set.of());

		assertThatThrownBy(() -> Tenants.as(key, factors::start)).isInstanceOfSatisfying(CohortException.class,
				ex -> assertThat(ex.code()).isEqualTo(ProblemCode.USERS_ONLY));
	}

	private TokenPair login(String code) {
		return logins.login(slug, admin.name(), Api.PASSWORD, code, null, ADDRESS);
	}

	private void assertRefused(String code, String problem) {
		assertThatThrownBy(() -> login(code)).isInstanceOfSatisfying(CohortException.class,
				ex -> assertThat(ex.code().code()).isEqualTo(problem));
	}

}
