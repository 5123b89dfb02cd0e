package io.cohort.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.shared.ActorRef;
import io.cohort.shared.AuditFact;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.system.PublicUrl;
import io.cohort.system.RateWindows;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgotten passwords: a user names their organisation and email, and, when such an
 * enabled account exists, gets a mail with a link that works once, for 30 minutes; the
 * answer is the same whether or not it exists. Choosing a new password through the link
 * follows the password rules, ends every refresh token, web session and access token of
 * the user, and is audited. Requests are limited per client address and per account in
 * PostgreSQL ({@link RateWindows}): a minute's asks from an address, and a minute's and
 * an hour's for an account. See ADR 33.
 */
@Service
public class PasswordResets {

	static final String ADDRESS_SCOPE = "password-reset-address";

	static final String ACCOUNT_SCOPE = "password-reset-account";

	static final String ACCOUNT_HOUR_SCOPE = "password-reset-account-hour";

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private static final Duration HOUR = Duration.ofHours(1);

	private final TenantRepository tenants;

	private final UserRepository users;

	private final Passwords passwords;

	private final PasswordResetTokens tokens;

	private final RefreshTokens refreshTokens;

	private final PasswordResetMail mail;

	private final RateWindows rates;

	private final PublicUrl publicUrl;

	private final IdentitySettings.PasswordReset settings;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	PasswordResets(TenantRepository tenants, UserRepository users, Passwords passwords, PasswordResetTokens tokens,
			RefreshTokens refreshTokens, PasswordResetMail mail, RateWindows rates, PublicUrl publicUrl,
			IdentitySettings settings, Clock clock, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.tenants = tenants;
		this.users = users;
		this.passwords = passwords;
		this.tokens = tokens;
		this.refreshTokens = refreshTokens;
		this.mail = mail;
		this.rates = rates;
		this.publicUrl = publicUrl;
		this.settings = settings.passwordReset();
		this.clock = clock;
		this.events = events;
		this.tx = tx;
	}

	/** Whether this installation can mail reset links (it has a mail host). */
	public boolean available() {
		return mail.enabled();
	}

	/** How long a mailed link works. */
	public Duration linkValidFor() {
		return settings.linkValidFor();
	}

	/**
	 * Mails a reset link to the account with this email in this organisation, if there is
	 * an enabled one; answers the same either way. Platform admins (no organisation) take
	 * their password from the environment and get no link.
	 */
	public void request(@Nullable String tenantSlug, String email, String clientAddress) {
		if (!mail.enabled()) {
			throw new CohortException(ProblemCode.PASSWORD_RESET_OFF,
					"Password reset by email is off: this installation has no mail server; ask your administrator");
		}
		String slug = tenantSlug == null || tenantSlug.isBlank() ? null : tenantSlug.trim().toLowerCase(Locale.ROOT);
		String normalisedEmail = email.trim().toLowerCase(Locale.ROOT);
		String account = (slug == null ? "" : slug) + "/" + normalisedEmail;
		limit(ADDRESS_SCOPE, clientAddress, settings.perAddress(), MINUTE, "a minute");
		limit(ACCOUNT_SCOPE, account, settings.perAccount(), MINUTE, "a minute");
		// counted only for asks within the limits of the minute: a burst of refused asks
		// does not use up the hour
		limit(ACCOUNT_HOUR_SCOPE, account, settings.perAccountPerHour(), HOUR, "up to an hour");
		if (slug == null) {
			return;
		}
		tx.executeWithoutResult(status -> tenants.findBySlug(slug)
			.ifPresent(tenant -> users.findByEmail(tenant.id(), normalisedEmail)
				.map(UserRepository.StoredUser::view)
				.filter(UserView::enabled)
				.ifPresent(user -> issue(tenant, user))));
	}

	private void issue(TenantView tenant, UserView user) {
		Instant now = clock.instant();
		String token = tokens.issue(user.id(), now, now.plus(settings.linkValidFor()));
		String link = publicUrl.builder()
			.path("/password/reset")
			.queryParam("token", token)
			.build()
			.encode()
			.toUriString();
		events.publishEvent(AuditFact
			.of(tenant.id(), "auth.password_reset.requested", "user", user.id(), Map.of("email", user.email()))
			.by(ActorRef.anonymous(user.email())));
		mail.sendAfterCommit(user.email(), tenant.name(), link, settings.linkValidFor());
	}

	/** Whether the link's token is still good: known, unused and not expired. */
	public boolean linkWorks(String token) {
		return tokens.usable(token, clock.instant()).isPresent();
	}

	/**
	 * Sets the new password of the token's user, if the token is still good and the
	 * password passes the rules (a field error on {@code password} otherwise, and the
	 * token stays good); the token and every other one of the user are used up, and the
	 * user's refresh tokens, web sessions and access tokens end.
	 */
	public void reset(String token, String newPassword) {
		Instant now = clock.instant();
		tx.executeWithoutResult(status -> {
			UUID userId = tokens.usable(token, now).orElseThrow(PasswordResets::invalidToken);
			UserView user = users.lock(userId)
				.map(UserRepository.StoredUser::view)
				.filter(UserView::enabled)
				.orElseThrow(PasswordResets::invalidToken);
			Optional<TenantView> tenant = user.tenantId() == null ? Optional.empty()
					: tenants.findById(user.tenantId());
			String hash = passwords.hash("password", newPassword,
					tenant.map(t -> new PasswordPolicy.Context(user.email(), t.slug(), t.name()))
						.orElseGet(() -> PasswordPolicy.Context.platform(user.email())));
			tokens.use(token, now).orElseThrow(PasswordResets::invalidToken);
			users.changePassword(userId, hash, now);
			refreshTokens.revokeAllOf(userId);
			events.publishEvent(AuditFact
				.of(user.tenantId(), "auth.password_reset", "user", userId,
						Map.of("password", "changed", "sessions", "ended"))
				.by(new ActorRef(ActorRef.Type.USER, userId.toString(), user.email())));
		});
	}

	private void limit(String scope, String key, int limit, Duration window, String howLong) {
		rates.hit(scope, key, limit, window).ifPresent(wait -> {
			throw new CohortException(ProblemCode.TOO_MANY_RESET_REQUESTS,
					"Too many password reset requests; wait " + howLong + ", then try again",
					Map.of("retry_after", Math.max(1, wait.toSeconds())));
		});
	}

	private static CohortException invalidToken() {
		return new CohortException(ProblemCode.INVALID_RESET_TOKEN,
				"The reset link is unknown, expired or already used; ask for a new one");
	}

}
