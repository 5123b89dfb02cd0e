package io.cohort.identity;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.shared.ActorRef;
import io.cohort.shared.AuditFact;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Logging in (API tokens or a web session), refreshing and logging out. Failures never
 * say whether the tenant or the email exists; repeated failures are throttled per account
 * and per client address.
 */
@Service
public class Logins {

	private final TenantRepository tenants;

	private final UserRepository users;

	private final Passwords passwords;

	private final LoginThrottle throttle;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	private final PrincipalLoader principals;

	private final SecondFactorManagement secondFactors;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	Logins(TenantRepository tenants, UserRepository users, Passwords passwords, LoginThrottle throttle,
			AccessTokens accessTokens, RefreshTokens refreshTokens, PrincipalLoader principals,
			SecondFactorManagement secondFactors, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.tenants = tenants;
		this.users = users;
		this.passwords = passwords;
		this.throttle = throttle;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.principals = principals;
		this.secondFactors = secondFactors;
		this.events = events;
		this.tx = tx;
	}

	/**
	 * Checks the credentials and returns a fresh token pair; a blank tenant means the
	 * platform admin.
	 */
	public TokenPair login(@Nullable String tenantSlug, String email, String password, String clientAddress) {
		return login(tenantSlug, email, password, null, null, clientAddress);
	}

	/**
	 * Checks the credentials, and the second factor (a TOTP code or a recovery code) when
	 * the user has one, and returns a fresh token pair.
	 */
	public TokenPair login(@Nullable String tenantSlug, String email, String password, @Nullable String totpCode,
			@Nullable String recoveryCode, String clientAddress) {
		CohortPrincipal user = authenticate(tenantSlug, email, password, totpCode, recoveryCode, clientAddress);
		return tx.execute(status -> {
			String refresh = refreshTokens.issue(UUID.randomUUID(), user.id());
			AccessTokens.Issued access = accessTokens.issue(user);
			return TokenPair.bearer(access.token(), refresh, access.expiresIn());
		});
	}

	/** Checks the credentials (with throttling and auditing) and returns the user. */
	public CohortPrincipal authenticate(@Nullable String tenantSlug, String email, String password,
			String clientAddress) {
		return authenticate(tenantSlug, email, password, null, null, clientAddress);
	}

	/**
	 * Checks the credentials and, for a user with a second factor, the code or recovery
	 * code (with throttling and auditing), and returns the user;
	 * {@link SecondFactorRequired} when it is missing.
	 */
	public CohortPrincipal authenticate(@Nullable String tenantSlug, String email, String password,
			@Nullable String totpCode, @Nullable String recoveryCode, String clientAddress) {
		String slug = tenantSlug == null || tenantSlug.isBlank() ? null : tenantSlug.trim().toLowerCase(Locale.ROOT);
		String normalisedEmail = email.trim().toLowerCase(Locale.ROOT);
		String account = (slug == null ? "" : slug) + "/" + normalisedEmail;

		Optional<TenantView> tenant = slug == null ? Optional.empty() : tenants.findBySlug(slug);
		UUID tenantId = tenant.map(TenantView::id).orElse(null);
		Optional<Duration> wait = throttle.blocked(account, clientAddress);
		if (wait.isPresent()) {
			tx.executeWithoutResult(
					status -> events.publishEvent(failure(tenantId, null, normalisedEmail, "throttled")));
			throw new TooManyLoginAttempts(wait.get());
		}

		Optional<UserRepository.StoredUser> stored = (slug != null && tenant.isEmpty()) ? Optional.empty()
				: users.findByEmail(tenantId, normalisedEmail);
		if (stored.isEmpty()) {
			passwords.spendTime(password);
			rejected(account, clientAddress, failure(tenantId, null, normalisedEmail, "unknown-account"));
		}
		UserView user = stored.get().view();
		if (!passwords.matches(password, stored.get().passwordHash())) {
			rejected(account, clientAddress, failure(tenantId, user.id(), normalisedEmail, "wrong-password"));
		}
		if (!user.enabled()) {
			rejected(account, clientAddress, failure(tenantId, user.id(), normalisedEmail, "disabled"));
		}
		CohortPrincipal principal = new CohortPrincipal(CohortPrincipal.Kind.USER, user.id(), user.tenantId(), slug,
				user.email(), user.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(user.roles()));
		if (secondFactors.enrolled(user.id())) {
			if (blank(totpCode) && blank(recoveryCode)) {
				throw new SecondFactorRequired(new SecondFactorRequired.Pending(user.id(), slug, normalisedEmail));
			}
			secondFactor(principal, account, clientAddress, totpCode, recoveryCode);
		}
		return succeeded(principal, account, clientAddress);
	}

	/**
	 * Finishes a web login whose password was checked a moment ago
	 * ({@link SecondFactorRequired}) with the code or recovery code of its second step.
	 */
	CohortPrincipal completeSecondStep(SecondFactorRequired.Pending pending, @Nullable String totpCode,
			@Nullable String recoveryCode, String clientAddress) {
		String account = (pending.tenantSlug() == null ? "" : pending.tenantSlug()) + "/" + pending.email();
		Optional<Duration> wait = throttle.blocked(account, clientAddress);
		if (wait.isPresent()) {
			throw new TooManyLoginAttempts(wait.get());
		}
		CohortPrincipal user = principals.activeUser(pending.userId())
			.orElseThrow(() -> new CohortException(ProblemCode.INVALID_CREDENTIALS,
					"The tenant, email or password is not right"));
		CohortPrincipal principal = new CohortPrincipal(user.kind(), user.id(), user.tenantId(), pending.tenantSlug(),
				user.name(), user.roles());
		secondFactor(principal, account, clientAddress, totpCode, recoveryCode);
		return succeeded(principal, account, clientAddress);
	}

	private void secondFactor(CohortPrincipal principal, String account, String clientAddress,
			@Nullable String totpCode, @Nullable String recoveryCode) {
		if (!secondFactors.verify(principal, totpCode, recoveryCode)) {
			tx.executeWithoutResult(status -> {
				throttle.failed(account, clientAddress);
				events.publishEvent(
						failure(principal.tenantId(), principal.id(), principal.name(), "wrong-second-factor"));
			});
			throw new CohortException(ProblemCode.INVALID_TOTP_CODE,
					"The authenticator code or recovery code is not right, or was used already");
		}
	}

	private CohortPrincipal succeeded(CohortPrincipal principal, String account, String clientAddress) {
		UUID tenantId = principal.tenantId();
		tx.executeWithoutResult(status -> {
			throttle.succeeded(account, clientAddress);
			events.publishEvent(AuditFact.of(tenantId, "auth.login.succeeded", "user", principal.id(), Map.of())
				.by(principal.actorRef()));
		});
		return principal;
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	/** Rotates a refresh token; a token presented twice revokes its whole family. */
	public TokenPair refresh(String refreshToken) {
		Object outcome = tx.execute(status -> {
			RefreshTokens.Use use = refreshTokens.use(refreshToken);
			if (use instanceof RefreshTokens.Reused reused) {
				refreshTokens.revokeFamily(reused.familyId());
				Optional<CohortPrincipal> owner = principals.activeUser(reused.userId());
				events.publishEvent(AuditFact.of(owner.map(CohortPrincipal::tenantId).orElse(null),
						"auth.refresh.reused", "user", reused.userId(), Map.of("family_revoked", true)));
				return null;
			}
			if (use instanceof RefreshTokens.Rotated rotated) {
				Optional<CohortPrincipal> user = principals.activeUser(rotated.userId());
				if (user.isEmpty()) {
					return null;
				}
				String next = refreshTokens.issue(rotated.familyId(), rotated.userId());
				AccessTokens.Issued access = accessTokens.issue(user.get());
				return TokenPair.bearer(access.token(), next, access.expiresIn());
			}
			return null;
		});
		if (outcome instanceof TokenPair pair) {
			return pair;
		}
		throw new CohortException(ProblemCode.INVALID_REFRESH_TOKEN,
				"The refresh token is unknown, expired, revoked or already used");
	}

	/** Ends the login the refresh token belongs to; unknown tokens are ignored. */
	public void logout(String refreshToken) {
		tx.executeWithoutResult(status -> refreshTokens.findFamily(refreshToken).ifPresent(family -> {
			if (refreshTokens.revokeFamily(family.familyId()) > 0) {
				Optional<CohortPrincipal> owner = principals.activeUser(family.userId());
				events.publishEvent(AuditFact.of(owner.map(CohortPrincipal::tenantId).orElse(null), "auth.logout",
						"user", family.userId(), Map.of()));
			}
		}));
	}

	private void rejected(String account, String address, AuditFact fact) {
		tx.executeWithoutResult(status -> {
			throttle.failed(account, address);
			events.publishEvent(fact);
		});
		throw new CohortException(ProblemCode.INVALID_CREDENTIALS, "The tenant, email or password is not right");
	}

	private static AuditFact failure(@Nullable UUID tenantId, @Nullable UUID userId, String email, String reason) {
		return AuditFact.of(tenantId, "auth.login.failed", "user", userId, Map.of("email", email, "reason", reason))
			.by(ActorRef.anonymous(email));
	}

}
