package io.cohort.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.cohort.identity.TenantManagement;
import io.cohort.identity.UserView;
import io.cohort.learners.LearnerView;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a learner's message once per channel the learner chose (the dedup key makes a
 * replay or a twin instance store nothing), then delivers it: IN_APP at once, email and
 * SMS now or after the quiet hours, retried with exponential backoff up to
 * {@value #MAX_ATTEMPTS} attempts.
 */
@Component
class Notifier {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	static final int MAX_ATTEMPTS = 5;

	private static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);

	private final NotificationRepository notifications;

	private final Map<Channel, NotificationChannel> senders = new EnumMap<>(Channel.class);

	private final TenantManagement tenants;

	private final Clock clock;

	Notifier(NotificationRepository notifications, List<NotificationChannel> senders, TenantManagement tenants,
			Clock clock) {
		this.notifications = notifications;
		senders.forEach(sender -> this.senders.put(sender.channel(), sender));
		this.tenants = tenants;
		this.clock = clock;
	}

	/**
	 * Stores and delivers the message to {@code learner} about {@code subjectMatter}
	 * (what makes it one message: an enrolment, a learner's session), in the caller's
	 * transaction.
	 */
	@Transactional
	public void notify(UUID tenant, LearnerView learner, NotificationKind kind, String subjectMatter,
			Map<String, String> values) {
		NotificationRepository.Owner owner = new NotificationRepository.Owner(learner.id(), null);
		store(tenant, owner, kind, subjectMatter, notifications.preferences(tenant, learner.id()).get(kind),
				channel -> switch (channel) {
					case EMAIL -> learner.email();
					case SMS -> learner.phone();
					case WEBHOOK -> notifications.settings(tenant).webhookUrl();
					case IN_APP, PUSH -> null;
				}, render(tenant, kind, values));
		if (kind == NotificationKind.ABSENCE_RECORDED) {
			for (NotificationContact contact : notifications.contacts(tenant, learner.id())) {
				Map<String, String> about = new java.util.HashMap<>(values);
				about.put("contact", contact.name());
				store(tenant, owner, kind, subjectMatter + ":" + contact.role(), contact.channels(),
						channel -> channel == Channel.SMS ? contact.phone() : contact.email(),
						Templates.renderForContact(kind, about));
			}
		}
	}

	/**
	 * Stores and delivers the message to a staff {@code user} (by email and in-app) about
	 * {@code subjectMatter}, in the caller's transaction.
	 */
	@Transactional
	public void notifyStaff(UUID tenant, UserView user, NotificationKind kind, String subjectMatter,
			Map<String, String> values) {
		store(tenant, new NotificationRepository.Owner(null, user.id()), kind, subjectMatter + ":" + user.id(),
				EnumSet.of(Channel.EMAIL, Channel.IN_APP), channel -> channel == Channel.EMAIL ? user.email() : null,
				render(tenant, kind, values));
	}

	private Message render(UUID tenant, NotificationKind kind, Map<String, String> values) {
		return Templates.render(notifications.template(tenant, kind).orElseGet(() -> Templates.defaultOf(kind)),
				values);
	}

	private void store(UUID tenant, NotificationRepository.Owner owner, NotificationKind kind, String subjectMatter,
			Set<Channel> channels, Function<Channel, @Nullable String> recipients, Message message) {
		Instant now = clock.instant();
		for (Channel channel : channels) {
			NotificationStatus status = channel == Channel.IN_APP ? NotificationStatus.SENT
					: NotificationStatus.PENDING;
			String key = kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + subjectMatter + ":" + channel;
			for (Recipient recipient : recipients(tenant, owner, channel, recipients)) {
				Optional<UUID> id = notifications.insert(
						new NotificationRepository.NewNotification(tenant, owner.learnerId(), owner.userId(), kind,
								channel, key + recipient.key(), recipient.address(), channel == Channel.IN_APP
										? new Message(message.subject(), message.text(), null) : message,
								status, now),
						now);
				if (status == NotificationStatus.PENDING) {
					id.ifPresent(this::deliver);
				}
			}
		}
	}

	/** Where one copy of a message goes, and what tells it from the other copies. */
	private record Recipient(@Nullable String address, String key) {
	}

	/**
	 * One recipient per channel, but PUSH has one per browser the learner subscribed
	 * (none: one without an address, logged as SKIPPED).
	 */
	private List<Recipient> recipients(UUID tenant, NotificationRepository.Owner owner, Channel channel,
			Function<Channel, @Nullable String> recipients) {
		if (channel != Channel.PUSH || owner.learnerId() == null) {
			return List.of(new Recipient(recipients.apply(channel), ""));
		}
		List<Recipient> browsers = notifications.pushSubscriptionIds(tenant, owner.learnerId())
			.stream()
			.map(id -> new Recipient(id.toString(), ":" + id))
			.toList();
		return browsers.isEmpty() ? List.of(new Recipient(null, "")) : browsers;
	}

	/**
	 * Sends every due PENDING message (a scheduled pass, and the tests); how many it
	 * tried.
	 */
	@Transactional
	public int sendDue() {
		List<NotificationRepository.Pending> due = notifications.claimDue(clock.instant(), 100);
		due.forEach(this::attempt);
		return due.size();
	}

	private void deliver(UUID id) {
		notifications.claim(id).ifPresent(this::attempt);
	}

	private void attempt(NotificationRepository.Pending message) {
		Instant now = clock.instant();
		NotificationChannel sender = senders.get(message.channel());
		if (sender == null || !sender.enabled() || message.recipient() == null || message.recipient().isBlank()) {
			String why = sender == null ? message.channel() + " has no sender yet"
					: !sender.enabled() ? sender.offReason()
							: message.channel() == Channel.WEBHOOK ? "the tenant has set no webhook URL"
									: message.channel() == Channel.PUSH ? "the learner has subscribed no browser"
											: "the learner has no address for it";
			notifications.failed(message.id(), NotificationStatus.SKIPPED, why, now);
			return;
		}
		NotificationSettings settings = notifications.settings(message.tenantId());
		ZoneId zone = tenants.zone(message.tenantId());
		LocalDateTime local = LocalDateTime.ofInstant(now, zone);
		if (settings.quiet(local.toLocalTime())) {
			LocalDate day = local.toLocalTime().isBefore(settings.quietEnd()) ? local.toLocalDate()
					: local.toLocalDate().plusDays(1);
			notifications.postpone(message.id(), day.atTime(settings.quietEnd()).atZone(zone).toInstant());
			return;
		}
		try {
			sender.send(new NotificationChannel.Outgoing(message.id(), message.tenantId(), message.recipient(),
					settings.senderAddress(), message.subject(), message.text(), message.html()));
			notifications.sent(message.id(), now);
		}
		catch (NotificationChannel.Undeliverable ex) {
			notifications.failed(message.id(), NotificationStatus.SKIPPED, ex.getMessage(), now);
		}
		catch (Exception ex) {
			int attempts = message.attempts() + 1;
			String error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			if (attempts >= MAX_ATTEMPTS) {
				log.warn("Notification {} failed {} times, giving up: {}", message.id(), attempts, error);
				notifications.failed(message.id(), NotificationStatus.DEAD, error, now);
			}
			else {
				notifications.failed(message.id(), NotificationStatus.PENDING, error,
						now.plus(FIRST_BACKOFF.multipliedBy(1L << (attempts - 1))));
			}
		}
	}

}
