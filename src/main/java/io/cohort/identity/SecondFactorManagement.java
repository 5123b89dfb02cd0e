package io.cohort.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.cohort.shared.AuditFact;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.system.QrCodes;
import io.cohort.system.SecretBox;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriUtils;

/**
 * A second factor for logging in: a TOTP authenticator app (RFC 6238) with ten one-time
 * recovery codes, which any user may enrol and a tenant may require of its admins. The
 * secret is sealed at rest; the recovery codes are kept as digests only. Enrolments,
 * resets and recovery-code uses are audited.
 */
@Service
public class SecondFactorManagement {

	static final String SEAL_PURPOSE = "totp-secret";

	static final String ISSUER = "Cohort";

	static final int RECOVERY_CODES = 10;

	private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private final JdbcClient jdbc;

	private final SecretBox secrets;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final SecureRandom random = new SecureRandom();

	SecondFactorManagement(JdbcClient jdbc, SecretBox secrets, Clock clock, ApplicationEventPublisher events,
			TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
	}

	/**
	 * A started enrolment: the secret to type in, or the URI (and its QR code) to scan.
	 */
	public record Enrolment(String secret, String otpauthUri, String qrPngBase64) {
	}

	/** The tenant's login rules. */
	public record SecuritySettings(boolean requireTotpForAdmins) {
	}

	/**
	 * Starts (or starts again) the caller's enrolment; refused while one is confirmed.
	 */
	public Enrolment start() {
		CohortPrincipal user = user();
		byte[] key = new byte[Totp.SECRET_BYTES];
		random.nextBytes(key);
		String secret = Totp.base32(key);
		tx.executeWithoutResult(status -> {
			int written = jdbc.sql("""
					INSERT INTO user_totp (user_id, secret_sealed) VALUES (:user, :sealed)
					ON CONFLICT (user_id) DO UPDATE SET secret_sealed = excluded.secret_sealed, last_used_step = NULL,
					    created_at = now()
					WHERE user_totp.confirmed_at IS NULL""")
				.param("user", user.id())
				.param("sealed", secrets.seal(SEAL_PURPOSE, secret))
				.update();
			if (written == 0) {
				throw new CohortException(ProblemCode.TOTP_ALREADY_ENABLED,
						"A second factor is already enrolled; remove it first to enrol a new one");
			}
		});
		String label = ISSUER + (user.tenantSlug() == null ? "" : " (" + user.tenantSlug() + ")") + ":" + user.name();
		String uri = "otpauth://totp/" + UriUtils.encodePath(label, StandardCharsets.UTF_8) + "?secret=" + secret
				+ "&issuer=" + UriUtils.encodeQueryParam(ISSUER, StandardCharsets.UTF_8) + "&algorithm=SHA1&digits="
				+ Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
		return new Enrolment(secret, uri, Base64.getEncoder().encodeToString(QrCodes.png(uri, 240)));
	}

	/**
	 * Confirms the enrolment with a first code; answers the recovery codes, shown this
	 * once.
	 */
	public List<String> confirm(String code) {
		CohortPrincipal user = user();
		return tx.execute(status -> {
			Optional<byte[]> sealed = jdbc.sql("""
					SELECT secret_sealed FROM user_totp WHERE user_id = :user AND confirmed_at IS NULL FOR UPDATE""")
				.param("user", user.id())
				.query(byte[].class)
				.optional();
			if (sealed.isEmpty()) {
				throw new CohortException(ProblemCode.TOTP_NOT_STARTED,
						"There is no enrolment waiting for a code; start one with POST /api/v1/me/totp");
			}
			OptionalLong step = Totp.match(key(sealed.get()), code, clock.instant());
			if (step.isEmpty()) {
				throw new CohortException(ProblemCode.TOTP_CODE_MISMATCH,
						"The code does not match; check the device's clock and try the current code");
			}
			jdbc.sql("UPDATE user_totp SET confirmed_at = :now, last_used_step = :step WHERE user_id = :user")
				.param("now", java.sql.Timestamp.from(clock.instant()))
				.param("step", step.getAsLong())
				.param("user", user.id())
				.update();
			List<String> codes = newRecoveryCodes(user.id());
			events.publishEvent(AuditFact.of(user.tenantId(), "user.totp.enrolled", "user", user.id(),
					Map.of("recovery_codes", codes.size())));
			return codes;
		});
	}

	/**
	 * Removes the caller's second factor and recovery codes. A confirmed one is removed
	 * only against a current code or an unused recovery code, so that a stolen access
	 * token alone cannot take the second factor away.
	 */
	public void disable(@Nullable String code, @Nullable String recoveryCode) {
		CohortPrincipal user = user();
		if (enrolled(user.id()) && !verify(user, code, recoveryCode)) {
			throw new CohortException(ProblemCode.TOTP_CODE_MISMATCH,
					"Removing the second factor needs a current code from the device or an unused recovery code");
		}
		tx.executeWithoutResult(status -> {
			jdbc.sql("DELETE FROM user_recovery_code WHERE user_id = :user").param("user", user.id()).update();
			int removed = jdbc.sql("DELETE FROM user_totp WHERE user_id = :user AND confirmed_at IS NOT NULL")
				.param("user", user.id())
				.update();
			jdbc.sql("DELETE FROM user_totp WHERE user_id = :user").param("user", user.id()).update();
			if (removed > 0) {
				events.publishEvent(AuditFact.of(user.tenantId(), "user.totp.reset", "user", user.id(), Map.of()));
			}
		});
	}

	/**
	 * An admin's reset of another user's second factor (a lost device): the user logs in
	 * with the password alone again, and enrols anew where the tenant requires it. Admins
	 * remove their own from their profile, with a code, like everyone else.
	 */
	public void reset(UUID userId) {
		CohortPrincipal admin = CurrentActor.require();
		UUID tenant = CurrentActor.tenantId();
		if (admin.id().equals(userId)) {
			throw new CohortException(ProblemCode.TOTP_RESET_OWN,
					"Remove your own second factor from your profile, with a current code or a recovery code");
		}
		tx.executeWithoutResult(status -> {
			if (jdbc.sql("SELECT count(*) FROM app_user WHERE id = :user AND tenant_id = :tenant")
				.param("user", userId)
				.param("tenant", tenant)
				.query(Long.class)
				.single() == 0) {
				throw CohortException.notFound("user", userId);
			}
			jdbc.sql("DELETE FROM user_recovery_code WHERE user_id = :user").param("user", userId).update();
			int removed = jdbc.sql("DELETE FROM user_totp WHERE user_id = :user").param("user", userId).update();
			if (removed > 0) {
				events.publishEvent(
						AuditFact.of(tenant, "user.totp.reset", "user", userId, Map.of("by_admin", admin.id())));
			}
		});
	}

	public SecuritySettings settings() {
		return new SecuritySettings(requiredForAdmins(CurrentActor.tenantId()));
	}

	/**
	 * Changes the tenant's rules; requiring a second factor of admins needs one enrolled
	 * by the caller first.
	 */
	public SecuritySettings updateSettings(SecuritySettings change) {
		CohortPrincipal caller = CurrentActor.require();
		UUID tenant = CurrentActor.tenantId();
		return tx.execute(status -> {
			boolean before = requiredForAdmins(tenant);
			if (change.requireTotpForAdmins() && !enrolled(caller.id())) {
				throw new CohortException(ProblemCode.TOTP_ENROLMENT_REQUIRED,
						"Enrol a second factor yourself before requiring one of every admin");
			}
			jdbc.sql(
					"""
							INSERT INTO tenant_security_settings (tenant_id, require_totp_for_admins) VALUES (:tenant, :required)
							ON CONFLICT (tenant_id) DO UPDATE SET require_totp_for_admins = excluded.require_totp_for_admins,
							    updated_at = now()""")
				.param("tenant", tenant)
				.param("required", change.requireTotpForAdmins())
				.update();
			if (before != change.requireTotpForAdmins()) {
				events.publishEvent(AuditFact.of(tenant, "settings.security.updated", "tenant", tenant, Map
					.of("require_totp_for_admins", Map.of("from", before, "to", change.requireTotpForAdmins()))));
			}
			return new SecuritySettings(change.requireTotpForAdmins());
		});
	}

	/** Whether the user has a confirmed second factor. */
	boolean enrolled(UUID userId) {
		return jdbc.sql("SELECT count(*) FROM user_totp WHERE user_id = :user AND confirmed_at IS NOT NULL")
			.param("user", userId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Checks a login's second factor: a current code not used before, or an unused
	 * recovery code (which is then spent, and audited).
	 */
	boolean verify(CohortPrincipal user, @Nullable String code, @Nullable String recoveryCode) {
		return Boolean.TRUE.equals(tx.execute(status -> {
			if (code != null && !code.isBlank()) {
				Optional<byte[]> sealed = jdbc.sql("""
						SELECT secret_sealed FROM user_totp WHERE user_id = :user AND confirmed_at IS NOT NULL""")
					.param("user", user.id())
					.query(byte[].class)
					.optional();
				OptionalLong step = sealed.isEmpty() ? OptionalLong.empty()
						: Totp.match(key(sealed.get()), code, clock.instant());
				return step.isPresent() && jdbc.sql("""
						UPDATE user_totp SET last_used_step = :step
						WHERE user_id = :user AND (last_used_step IS NULL OR last_used_step < :step)""")
					.param("step", step.getAsLong())
					.param("user", user.id())
					.update() == 1;
			}
			if (recoveryCode != null && !recoveryCode.isBlank()) {
				int spent = jdbc.sql("""
						UPDATE user_recovery_code SET used_at = :now
						WHERE user_id = :user AND code_hash = :hash AND used_at IS NULL""")
					.param("now", java.sql.Timestamp.from(clock.instant()))
					.param("user", user.id())
					.param("hash", digest(recoveryCode))
					.update();
				if (spent == 1) {
					long left = jdbc
						.sql("SELECT count(*) FROM user_recovery_code WHERE user_id = :user AND used_at IS NULL")
						.param("user", user.id())
						.query(Long.class)
						.single();
					events.publishEvent(
							AuditFact
								.of(user.tenantId(), "user.totp.recovery_code_used", "user", user.id(),
										Map.of("recovery_codes_left", left))
								.by(user.actorRef()));
					return true;
				}
			}
			return false;
		}));
	}

	boolean requiredForAdmins(UUID tenantId) {
		return jdbc.sql("SELECT require_totp_for_admins FROM tenant_security_settings WHERE tenant_id = :tenant")
			.param("tenant", tenantId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	private List<String> newRecoveryCodes(UUID userId) {
		jdbc.sql("DELETE FROM user_recovery_code WHERE user_id = :user").param("user", userId).update();
		List<String> codes = new ArrayList<>();
		while (codes.size() < RECOVERY_CODES) {
			StringBuilder code = new StringBuilder();
			for (int i = 0; i < 10; i++) {
				code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
			}
			String shown = code.substring(0, 5) + "-" + code.substring(5);
			if (!codes.contains(shown)) {
				codes.add(shown);
				jdbc.sql("INSERT INTO user_recovery_code (user_id, code_hash) VALUES (:user, :hash)")
					.param("user", userId)
					.param("hash", digest(shown))
					.update();
			}
		}
		return List.copyOf(codes);
	}

	private byte[] key(byte[] sealed) {
		return Totp.fromBase32(secrets.open(SEAL_PURPOSE, sealed));
	}

	private static byte[] digest(String recoveryCode) {
		String normalised = recoveryCode.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		try {
			return MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static CohortPrincipal user() {
		CohortPrincipal caller = CurrentActor.require();
		if (caller.kind() != CohortPrincipal.Kind.USER) {
			throw new CohortException(ProblemCode.USERS_ONLY, "Only a user can enrol a second factor");
		}
		return caller;
	}

}
