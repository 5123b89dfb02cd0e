package io.cohort.notification;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.shared.AuditFact;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.OutboundUrlPolicy;
import io.cohort.system.ProblemCode;
import io.cohort.system.SecretBox;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification facade for the caller's tenant: a learner's in-app messages, channel
 * preferences, the tenant's settings and the delivery log.
 */
@Service
public class NotificationManagement {

	private final NotificationRepository notifications;

	private final LearnerManagement learners;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final OutboundUrlPolicy urls;

	private final SecretBox secrets;

	private final EmailChannel email;

	private final VapidKeys vapid;

	private final SecureRandom random = new SecureRandom();

	NotificationManagement(NotificationRepository notifications, LearnerManagement learners,
			ApplicationEventPublisher events, Clock clock, OutboundUrlPolicy urls, SecretBox secrets,
			EmailChannel email, VapidKeys vapid) {
		this.vapid = vapid;
		this.notifications = notifications;
		this.learners = learners;
		this.events = events;
		this.clock = clock;
		this.urls = urls;
		this.secrets = secrets;
		this.email = email;
	}

	/** Whether email can be sent at all here ({@code spring.mail.host} is set). */
	public boolean emailEnabled() {
		return email.enabled();
	}

	/** The calling learner's in-app messages (newest 100) and how many are unread. */
	public record Inbox(long unread, List<NotificationView> items) {
	}

	@Transactional(readOnly = true)
	public Inbox mine() {
		return inbox().orElseThrow(() -> new CohortException(ProblemCode.NO_LEARNER_PROFILE,
				"Your account is not linked to a learner profile"));
	}

	/**
	 * The caller's in-app messages: a learner's, or an OPS user's (compliance deadlines,
	 * dead letters, learners at risk) or a trainer's (learners at risk in their runs);
	 * empty for anyone else.
	 */
	@Transactional(readOnly = true)
	public java.util.Optional<Inbox> inbox() {
		UUID tenant = CurrentActor.tenantId();
		return owner()
			.map(owner -> new Inbox(notifications.unread(tenant, owner), notifications.inApp(tenant, owner, 100)));
	}

	/**
	 * Marks one of the caller's in-app messages read; anyone else's is not found.
	 */
	@Transactional
	public void markRead(UUID id) {
		NotificationRepository.Owner owner = owner().orElseThrow(() -> CohortException.notFound("notification", id));
		if (!notifications.markRead(CurrentActor.tenantId(), owner, id, clock.instant())) {
			throw CohortException.notFound("notification", id);
		}
	}

	private java.util.Optional<NotificationRepository.Owner> owner() {
		java.util.Optional<NotificationRepository.Owner> learner = learners.me()
			.map(me -> new NotificationRepository.Owner(me.id(), null));
		if (learner.isPresent()) {
			return learner;
		}
		CohortPrincipal caller = CurrentActor.require();
		return caller.roles().contains(Role.OPS) || caller.roles().contains(Role.TRAINER)
				? java.util.Optional.of(new NotificationRepository.Owner(null, caller.id()))
				: java.util.Optional.empty();
	}

	@Transactional(readOnly = true)
	public NotificationPreferences preferences(UUID learnerId) {
		LearnerView learner = learners.get(learnerId);
		return new NotificationPreferences(learner.id(),
				notifications.preferences(CurrentActor.tenantId(), learner.id()),
				notifications.contacts(CurrentActor.tenantId(), learner.id()));
	}

	@Transactional(readOnly = true)
	public NotificationPreferences myPreferences() {
		return preferences(me().id());
	}

	/**
	 * Sets the channels of the kinds given (the others keep theirs) and, when
	 * {@code contacts} is given, replaces the guardian and employer contacts.
	 */
	@Transactional
	public NotificationPreferences updatePreferences(UUID learnerId, Map<NotificationKind, Set<Channel>> channels,
			@Nullable List<NotificationContact> contacts) {
		LearnerView learner = learners.get(learnerId);
		if (contacts != null) {
			checkContacts(contacts);
		}
		UUID tenant = CurrentActor.tenantId();
		channels.keySet().stream().filter(NotificationKind::staff).findFirst().ifPresent(kind -> {
			throw CohortException.invalidField("channels", kind + " goes to OPS users, not to learners");
		});
		Map<String, Object> changes = new LinkedHashMap<>();
		channels.forEach((kind, set) -> {
			notifications.savePreference(tenant, learner.id(), kind, set, clock.instant());
			changes.put(kind.name(), set.stream().map(Channel::name).sorted().toList());
		});
		if (contacts != null) {
			notifications.saveContacts(tenant, learner.id(), contacts, clock.instant());
			Map<String, Object> roles = new LinkedHashMap<>();
			contacts.forEach(contact -> roles.put(contact.role().name(),
					contact.channels().stream().map(Channel::name).sorted().toList()));
			changes.put("contacts", roles);
		}
		events.publishEvent(AuditFact.of(tenant, "notification.preferences.updated", "learner", learner.id(), changes));
		return preferences(learner.id());
	}

	@Transactional
	public NotificationPreferences updateMyPreferences(Map<NotificationKind, Set<Channel>> channels,
			@Nullable List<NotificationContact> contacts) {
		return updatePreferences(me().id(), channels, contacts);
	}

	private static void checkContacts(List<NotificationContact> contacts) {
		Set<NotificationContact.Role> roles = java.util.EnumSet.noneOf(NotificationContact.Role.class);
		for (int i = 0; i < contacts.size(); i++) {
			NotificationContact contact = contacts.get(i);
			if (!roles.add(contact.role())) {
				throw CohortException.invalidField("contacts[" + i + "].role", "one " + contact.role() + " at most");
			}
			if (contact.channels().contains(Channel.IN_APP) || contact.channels().contains(Channel.WEBHOOK)
					|| contact.channels().contains(Channel.PUSH)) {
				throw CohortException.invalidField("contacts[" + i + "].channels", "only EMAIL and SMS");
			}
			if (contact.channels().contains(Channel.SMS) && (contact.phone() == null || contact.phone().isBlank())) {
				throw CohortException.invalidField("contacts[" + i + "].phone", "SMS needs a phone number");
			}
		}
	}

	@Transactional(readOnly = true)
	public NotificationSettings settings() {
		return notifications.settings(CurrentActor.tenantId());
	}

	/**
	 * What an ADMIN may change: the sender address, quiet hours and webhook URL; a new
	 * webhook secret when asked, or when a URL is set and there is none yet.
	 */
	public record SettingsChange(@Nullable String senderAddress, @Nullable LocalTime quietStart,
			@Nullable LocalTime quietEnd, @Nullable String webhookUrl, boolean rotateWebhookSecret) {
	}

	/**
	 * Saves the settings; the answer carries a newly generated webhook secret, the only
	 * time it is ever shown.
	 */
	@Transactional
	public NotificationSettings updateSettings(SettingsChange change) {
		UUID tenant = CurrentActor.tenantId();
		String url = change.webhookUrl() == null || change.webhookUrl().isBlank() ? null
				: urls.check("webhook_url", change.webhookUrl()).toString();
		boolean hasSecret = notifications.settings(tenant).webhookSecretSet();
		String secret = change.rotateWebhookSecret() || (url != null && !hasSecret) ? newSecret() : null;
		notifications.saveSettings(tenant,
				new NotificationSettings(change.senderAddress(), change.quietStart(), change.quietEnd(), url, false,
						null),
				secret == null ? null : secrets.seal(WebhookChannel.SECRET_PURPOSE, secret),
				CurrentActor.actorRef().label(), clock.instant());
		Map<String, Object> changes = new LinkedHashMap<>();
		changes.put("sender_address", change.senderAddress());
		changes.put("quiet_start", change.quietStart() == null ? null : change.quietStart().toString());
		changes.put("quiet_end", change.quietEnd() == null ? null : change.quietEnd().toString());
		changes.put("webhook_url", url);
		changes.put("webhook_secret_rotated", secret != null);
		events.publishEvent(AuditFact.of(tenant, "notification.settings.updated", "tenant", tenant, changes));
		NotificationSettings saved = settings();
		return new NotificationSettings(saved.senderAddress(), saved.quietStart(), saved.quietEnd(), saved.webhookUrl(),
				saved.webhookSecretSet(), secret);
	}

	/** The tenant's template of a kind, or the default. */
	@Transactional(readOnly = true)
	public NotificationTemplate template(NotificationKind kind) {
		return notifications.template(CurrentActor.tenantId(), kind).orElseGet(() -> Templates.defaultOf(kind));
	}

	/** Saves the tenant's own template of a kind. */
	@Transactional
	public NotificationTemplate updateTemplate(NotificationKind kind, String subject, String text,
			@Nullable String html) {
		UUID tenant = CurrentActor.tenantId();
		NotificationTemplate template = new NotificationTemplate(kind, subject, text,
				html == null || html.isBlank() ? null : html, true);
		notifications.saveTemplate(tenant, template, CurrentActor.actorRef().label(), clock.instant());
		Map<String, Object> changes = new LinkedHashMap<>();
		changes.put("kind", kind.name());
		changes.put("subject", subject);
		changes.put("html", template.html() != null);
		events.publishEvent(AuditFact.of(tenant, "notification.template.updated", "tenant", tenant, changes));
		return template(kind);
	}

	/** A rendered message: its subject, text and HTML. */
	public record Preview(String subject, String text, String html) {
	}

	/**
	 * Renders a draft template (nothing is saved) with sample values, as a message would
	 * look.
	 */
	public Preview preview(NotificationKind kind, String subject, String text, @Nullable String html) {
		Message message = Templates.render(
				new NotificationTemplate(kind, subject, text, html == null || html.isBlank() ? null : html, true),
				Templates.sample());
		return new Preview(message.subject(), message.text(), java.util.Objects.requireNonNull(message.html()));
	}

	private String newSecret() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return "whsec_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The tenant's messages on every channel, newest first, only those in {@code status}
	 * when given.
	 */
	@Transactional(readOnly = true)
	public PageView<NotificationDelivery> deliveries(@Nullable NotificationStatus status, int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		return new PageView<>(notifications.deliveries(tenant, status, page, size), page, size,
				notifications.countDeliveries(tenant, status));
	}

	/** The public VAPID key a browser subscribes with (Base64url). */
	public record PushKey(String publicKey) {
	}

	/** The key browsers subscribe to PUSH with; not found when PUSH is off here. */
	public PushKey pushKey() {
		return new PushKey(vapid.pair().map(VapidKeys.Pair::publicKey).orElseThrow(NotificationManagement::pushOff));
	}

	/** Whether PUSH can send here (a VAPID key is set, or generated locally). */
	public boolean pushOn() {
		return vapid.pair().isPresent();
	}

	private static CohortException pushOff() {
		return new CohortException(ProblemCode.NOT_FOUND,
				"Push notifications are off here: COHORT_VAPID_PRIVATE_KEY is not set");
	}

	/** A browser subscribed to PUSH. */
	public record PushSubscriptionView(UUID id, java.time.Instant createdAt) {
	}

	/** At most this many browsers per learner. */
	static final int MAX_BROWSERS = 10;

	/**
	 * Subscribes one of the calling learner's browsers to PUSH with its
	 * {@code PushSubscription}: the push service's endpoint (checked by the outbound-URL
	 * policy) and its keys. The same endpoint again replaces the keys.
	 */
	@Transactional
	public PushSubscriptionView subscribePush(String endpoint, String p256dh, String auth) {
		LearnerView learner = me();
		if (!pushOn()) {
			throw pushOff();
		}
		java.net.URI uri = urls.check("endpoint", endpoint);
		try {
			PushChannel.browserKey(p256dh);
		}
		catch (IllegalArgumentException ex) {
			throw CohortException.invalidField("keys.p256dh", "must be the browser's P-256 key (Base64url)");
		}
		byte[] secret;
		try {
			secret = PushChannel.decode(auth);
		}
		catch (IllegalArgumentException ex) {
			secret = new byte[0];
		}
		if (secret.length != 16) {
			throw CohortException.invalidField("keys.auth", "must be the browser's 16-byte secret (Base64url)");
		}
		UUID tenant = CurrentActor.tenantId();
		String stored = endpoint.strip();
		if (notifications.countPushSubscriptions(tenant, learner.id(), stored) >= MAX_BROWSERS) {
			throw new CohortException(ProblemCode.PUSH_SUBSCRIPTION_LIMIT,
					"At most " + MAX_BROWSERS + " browsers per learner: turn notifications off on one first");
		}
		java.time.Instant now = clock.instant();
		UUID id = notifications.savePushSubscription(tenant, learner.id(), stored, p256dh.strip(), auth.strip(), now);
		Map<String, Object> changes = new LinkedHashMap<>();
		changes.put("subscription_id", id.toString());
		changes.put("push_service", uri.getHost());
		events.publishEvent(AuditFact.of(tenant, "notification.push.subscribed", "learner", learner.id(), changes));
		return new PushSubscriptionView(id, now);
	}

	/** Removes one of the calling learner's browsers; anyone else's is not found. */
	@Transactional
	public void unsubscribePush(UUID id) {
		LearnerView learner = me();
		UUID tenant = CurrentActor.tenantId();
		if (!notifications.deletePushSubscription(tenant, learner.id(), id)) {
			throw CohortException.notFound("push subscription", id);
		}
		events.publishEvent(AuditFact.of(tenant, "notification.push.unsubscribed", "learner", learner.id(),
				Map.of("subscription_id", id.toString())));
	}

	private LearnerView me() {
		return learners.me()
			.orElseThrow(() -> new CohortException(ProblemCode.NO_LEARNER_PROFILE,
					"Your account is not linked to a learner profile"));
	}

}
