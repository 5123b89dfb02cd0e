package io.cohort.notification;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notification tables: messages (unique per tenant and dedup key), preferences and
 * tenant settings.
 */
@Repository
class NotificationRepository {

	private final JdbcClient jdbc;

	NotificationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A message about to be stored. */
	record NewNotification(UUID tenantId, @Nullable UUID learnerId, @Nullable UUID userId, NotificationKind kind,
			Channel channel, String dedupKey, @Nullable String recipient, Message message, NotificationStatus status,
			Instant due) {
	}

	/** A stored message as the sender needs it. */
	record Pending(UUID id, UUID tenantId, Channel channel, @Nullable String recipient, String subject, String text,
			@Nullable String html, int attempts) {
	}

	/**
	 * Stores the message unless one with its dedup key exists; its id when it was stored.
	 */
	Optional<UUID> insert(NewNotification n, Instant now) {
		UUID id = UUID.randomUUID();
		int rows = jdbc
			.sql("""
					INSERT INTO notification (id, tenant_id, learner_id, user_id, kind, channel, dedup_key, recipient, subject,
					    body_text, body_html, status, next_attempt_at, created_at, sent_at)
					VALUES (:id, :tenant, :learner, :user, :kind, :channel, :key, :recipient, :subject, :text, :html, :status,
					    :due, :now, CASE WHEN :status = 'SENT' THEN CAST(:now AS TIMESTAMPTZ) END)
					ON CONFLICT (tenant_id, dedup_key) DO NOTHING""")
			.param("id", id)
			.param("tenant", n.tenantId())
			.param("learner", n.learnerId())
			.param("user", n.userId())
			.param("kind", n.kind().name())
			.param("channel", n.channel().name())
			.param("key", n.dedupKey())
			.param("recipient", n.recipient())
			.param("subject", n.message().subject())
			.param("text", n.message().text())
			.param("html", n.message().html())
			.param("status", n.status().name())
			.param("due", Timestamp.from(n.due()))
			.param("now", Timestamp.from(now))
			.update();
		return rows == 1 ? Optional.of(id) : Optional.empty();
	}

	/** The due PENDING messages, locked for this sender (others skip them). */
	List<Pending> claimDue(Instant now, int limit) {
		return jdbc.sql("""
				SELECT id, tenant_id, channel, recipient, subject, body_text, body_html, attempts FROM notification
				WHERE status = 'PENDING' AND next_attempt_at <= :now
				ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(NotificationRepository::pending)
			.list();
	}

	/** One message, locked, if it is still PENDING. */
	Optional<Pending> claim(UUID id) {
		return jdbc.sql("""
				SELECT id, tenant_id, channel, recipient, subject, body_text, body_html, attempts FROM notification
				WHERE id = :id AND status = 'PENDING' FOR UPDATE SKIP LOCKED""")
			.param("id", id)
			.query(NotificationRepository::pending)
			.optional();
	}

	private static Pending pending(ResultSet rs, int row) throws SQLException {
		return new Pending(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				Channel.valueOf(rs.getString("channel")), rs.getString("recipient"), rs.getString("subject"),
				rs.getString("body_text"), rs.getString("body_html"), rs.getInt("attempts"));
	}

	void sent(UUID id, Instant now) {
		jdbc.sql("""
				UPDATE notification SET status = 'SENT', attempts = attempts + 1, sent_at = :now, last_error = NULL
				WHERE id = :id""").param("id", id).param("now", Timestamp.from(now)).update();
	}

	void failed(UUID id, NotificationStatus status, String error, Instant next) {
		jdbc.sql("""
				UPDATE notification SET status = :status, attempts = attempts + 1, last_error = :error,
				    next_attempt_at = :next WHERE id = :id""")
			.param("id", id)
			.param("status", status.name())
			.param("error", error.length() > 500 ? error.substring(0, 500) : error)
			.param("next", Timestamp.from(next))
			.update();
	}

	void postpone(UUID id, Instant next) {
		jdbc.sql("UPDATE notification SET next_attempt_at = :next WHERE id = :id")
			.param("id", id)
			.param("next", Timestamp.from(next))
			.update();
	}

	/** Whose in-app messages: a learner's, or a staff user's. */
	record Owner(@Nullable UUID learnerId, @Nullable UUID userId) {
	}

	List<NotificationView> inApp(UUID tenant, Owner owner, int limit) {
		return jdbc.sql("""
				SELECT id, kind, subject, body_text, created_at, read_at FROM notification
				WHERE tenant_id = :tenant AND (learner_id = :learner OR user_id = :user) AND channel = 'IN_APP'
				ORDER BY created_at DESC, id LIMIT :limit""")
			.param("tenant", tenant)
			.param("learner", owner.learnerId(), java.sql.Types.OTHER)
			.param("user", owner.userId(), java.sql.Types.OTHER)
			.param("limit", limit)
			.query((rs, row) -> new NotificationView(rs.getObject("id", UUID.class),
					NotificationKind.valueOf(rs.getString("kind")), rs.getString("subject"), rs.getString("body_text"),
					rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("read_at"))))
			.list();
	}

	long unread(UUID tenant, Owner owner) {
		return jdbc.sql("""
				SELECT count(*) FROM notification
				WHERE tenant_id = :tenant AND (learner_id = :learner OR user_id = :user) AND channel = 'IN_APP'
				  AND read_at IS NULL""")
			.param("tenant", tenant)
			.param("learner", owner.learnerId(), java.sql.Types.OTHER)
			.param("user", owner.userId(), java.sql.Types.OTHER)
			.query(Long.class)
			.single();
	}

	boolean markRead(UUID tenant, Owner owner, UUID id, Instant now) {
		return jdbc.sql("""
				UPDATE notification SET read_at = COALESCE(read_at, :now)
				WHERE tenant_id = :tenant AND (learner_id = :learner OR user_id = :user) AND id = :id
				  AND channel = 'IN_APP'""")
			.param("tenant", tenant)
			.param("learner", owner.learnerId(), java.sql.Types.OTHER)
			.param("user", owner.userId(), java.sql.Types.OTHER)
			.param("id", id)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	List<NotificationDelivery> deliveries(UUID tenant, @Nullable NotificationStatus status, int page, int size) {
		return jdbc
			.sql("""
					SELECT id, learner_id, user_id, kind, channel, recipient, subject, status, attempts, last_error, created_at,
					    next_attempt_at, sent_at FROM notification
					WHERE tenant_id = :tenant AND (CAST(:status AS TEXT) IS NULL OR status = :status)
					ORDER BY created_at DESC, id LIMIT :size OFFSET :offset""")
			.param("tenant", tenant)
			.param("status", status == null ? null : status.name())
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> new NotificationDelivery(rs.getObject("id", UUID.class),
					rs.getObject("learner_id", UUID.class), rs.getObject("user_id", UUID.class),
					NotificationKind.valueOf(rs.getString("kind")), Channel.valueOf(rs.getString("channel")),
					rs.getString("recipient"), rs.getString("subject"),
					NotificationStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
					rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("next_attempt_at").toInstant(), instant(rs.getTimestamp("sent_at"))))
			.list();
	}

	long countDeliveries(UUID tenant, @Nullable NotificationStatus status) {
		return jdbc.sql("""
				SELECT count(*) FROM notification
				WHERE tenant_id = :tenant AND (CAST(:status AS TEXT) IS NULL OR status = :status)""")
			.param("tenant", tenant)
			.param("status", status == null ? null : status.name())
			.query(Long.class)
			.single();
	}

	Map<NotificationKind, Set<Channel>> preferences(UUID tenant, UUID learner) {
		Map<NotificationKind, Set<Channel>> channels = new EnumMap<>(NotificationKind.class);
		for (NotificationKind kind : NotificationKind.values()) {
			if (kind.staff()) {
				continue;
			}
			channels.put(kind, EnumSet.of(Channel.EMAIL, Channel.IN_APP));
		}
		jdbc.sql(
				"SELECT kind, channels FROM notification_preference WHERE tenant_id = :tenant AND learner_id = :learner")
			.param("tenant", tenant)
			.param("learner", learner)
			.query((ResultSet rs) -> {
				Array array = rs.getArray("channels");
				Set<Channel> set = EnumSet.noneOf(Channel.class);
				Arrays.stream((Object[]) array.getArray()).forEach(c -> set.add(Channel.valueOf(c.toString())));
				channels.put(NotificationKind.valueOf(rs.getString("kind")), set);
			});
		return channels;
	}

	void savePreference(UUID tenant, UUID learner, NotificationKind kind, Set<Channel> channels, Instant now) {
		jdbc.sql("""
				INSERT INTO notification_preference (tenant_id, learner_id, kind, channels, updated_at)
				VALUES (:tenant, :learner, :kind, string_to_array(:channels, ','), :now)
				ON CONFLICT (tenant_id, learner_id, kind) DO UPDATE SET channels = EXCLUDED.channels,
				    updated_at = EXCLUDED.updated_at""")
			.param("tenant", tenant)
			.param("learner", learner)
			.param("kind", kind.name())
			.param("channels", String.join(",", channels.stream().map(Channel::name).toList()))
			.param("now", Timestamp.from(now))
			.update();
	}

	List<NotificationContact> contacts(UUID tenant, UUID learner) {
		return jdbc.sql("""
				SELECT role, name, email, phone, channels FROM notification_contact
				WHERE tenant_id = :tenant AND learner_id = :learner ORDER BY role""")
			.param("tenant", tenant)
			.param("learner", learner)
			.query((rs, row) -> {
				Set<Channel> set = EnumSet.noneOf(Channel.class);
				Arrays.stream((Object[]) rs.getArray("channels").getArray())
					.forEach(c -> set.add(Channel.valueOf(c.toString())));
				return new NotificationContact(NotificationContact.Role.valueOf(rs.getString("role")),
						rs.getString("name"), rs.getString("email"), rs.getString("phone"), set);
			})
			.list();
	}

	/** Replaces the learner's contacts with {@code contacts}. */
	void saveContacts(UUID tenant, UUID learner, List<NotificationContact> contacts, Instant now) {
		jdbc.sql("DELETE FROM notification_contact WHERE tenant_id = :tenant AND learner_id = :learner")
			.param("tenant", tenant)
			.param("learner", learner)
			.update();
		for (NotificationContact contact : contacts) {
			jdbc.sql("""
					INSERT INTO notification_contact (tenant_id, learner_id, role, name, email, phone, channels,
					    updated_at)
					VALUES (:tenant, :learner, :role, :name, :email, :phone, string_to_array(:channels, ','), :now)""")
				.param("tenant", tenant)
				.param("learner", learner)
				.param("role", contact.role().name())
				.param("name", contact.name())
				.param("email", contact.email())
				.param("phone", contact.phone())
				.param("channels", String.join(",", contact.channels().stream().map(Channel::name).sorted().toList()))
				.param("now", Timestamp.from(now))
				.update();
		}
	}

	Optional<NotificationTemplate> template(UUID tenant, NotificationKind kind) {
		return jdbc.sql("""
				SELECT subject, body_text, body_html FROM notification_template
				WHERE tenant_id = :tenant AND kind = :kind""")
			.param("tenant", tenant)
			.param("kind", kind.name())
			.query((rs, row) -> new NotificationTemplate(kind, rs.getString("subject"), rs.getString("body_text"),
					rs.getString("body_html"), true))
			.optional();
	}

	void saveTemplate(UUID tenant, NotificationTemplate template, String by, Instant now) {
		jdbc.sql(
				"""
						INSERT INTO notification_template (tenant_id, kind, subject, body_text, body_html, updated_at, updated_by)
						VALUES (:tenant, :kind, :subject, :text, :html, :now, :by)
						ON CONFLICT (tenant_id, kind) DO UPDATE SET subject = EXCLUDED.subject, body_text = EXCLUDED.body_text,
						    body_html = EXCLUDED.body_html, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
			.param("tenant", tenant)
			.param("kind", template.kind().name())
			.param("subject", template.subject())
			.param("text", template.text())
			.param("html", template.html())
			.param("now", Timestamp.from(now))
			.param("by", by)
			.update();
	}

	NotificationSettings settings(UUID tenant) {
		return jdbc.sql("""
				SELECT sender_address, quiet_start, quiet_end, webhook_url, webhook_secret IS NOT NULL AS secret_set
				FROM notification_settings WHERE tenant_id = :tenant""")
			.param("tenant", tenant)
			.query((rs, row) -> new NotificationSettings(rs.getString("sender_address"),
					rs.getObject("quiet_start", LocalTime.class), rs.getObject("quiet_end", LocalTime.class),
					rs.getString("webhook_url"), rs.getBoolean("secret_set"), null))
			.optional()
			.orElse(new NotificationSettings(null, null, null, null, false, null));
	}

	/** The tenant's sealed webhook secret, if it has one. */
	Optional<byte[]> webhookSecret(UUID tenant) {
		return jdbc.sql("SELECT webhook_secret FROM notification_settings WHERE tenant_id = :tenant")
			.param("tenant", tenant)
			.query((rs, row) -> Optional.ofNullable(rs.getBytes("webhook_secret")))
			.optional()
			.flatMap(secret -> secret);
	}

	/**
	 * Saves the settings; the sealed webhook secret only when {@code sealedSecret} is
	 * given (a new one), else the stored one stays.
	 */
	void saveSettings(UUID tenant, NotificationSettings settings, byte @Nullable [] sealedSecret, String by,
			Instant now) {
		jdbc.sql("""
				INSERT INTO notification_settings (tenant_id, sender_address, quiet_start, quiet_end, webhook_url,
				    webhook_secret, updated_at, updated_by)
				VALUES (:tenant, :sender, :start, :end, :url, :secret, :now, :by)
				ON CONFLICT (tenant_id) DO UPDATE SET sender_address = EXCLUDED.sender_address,
				    quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
				    webhook_url = EXCLUDED.webhook_url,
				    webhook_secret = COALESCE(EXCLUDED.webhook_secret, notification_settings.webhook_secret),
				    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
			.param("tenant", tenant)
			.param("sender", settings.senderAddress())
			.param("start", settings.quietStart())
			.param("end", settings.quietEnd())
			.param("url", settings.webhookUrl())
			.param("secret", sealedSecret, java.sql.Types.BINARY)
			.param("now", Timestamp.from(now))
			.param("by", by)
			.update();
	}

	/**
	 * A browser a learner subscribed to PUSH: where to post and the keys to encrypt to.
	 */
	record PushSubscription(UUID id, UUID learnerId, String endpoint, String p256dh, String auth) {
	}

	/**
	 * Saves the browser's subscription for the learner (the same endpoint again replaces
	 * its keys and owner); its id.
	 */
	UUID savePushSubscription(UUID tenant, UUID learner, String endpoint, String p256dh, String auth, Instant now) {
		return jdbc.sql("""
				INSERT INTO push_subscription (id, tenant_id, learner_id, endpoint, p256dh, auth, created_at)
				VALUES (:id, :tenant, :learner, :endpoint, :p256dh, :auth, :now)
				ON CONFLICT (tenant_id, endpoint) DO UPDATE SET learner_id = EXCLUDED.learner_id,
				    p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, created_at = EXCLUDED.created_at
				RETURNING id""")
			.param("id", UUID.randomUUID())
			.param("tenant", tenant)
			.param("learner", learner)
			.param("endpoint", endpoint)
			.param("p256dh", p256dh)
			.param("auth", auth)
			.param("now", Timestamp.from(now))
			.query(UUID.class)
			.single();
	}

	/** How many browsers the learner subscribed, not counting {@code endpoint}. */
	int countPushSubscriptions(UUID tenant, UUID learner, String endpoint) {
		return jdbc.sql("""
				SELECT count(*) FROM push_subscription
				WHERE tenant_id = :tenant AND learner_id = :learner AND endpoint <> :endpoint""")
			.param("tenant", tenant)
			.param("learner", learner)
			.param("endpoint", endpoint)
			.query(Integer.class)
			.single();
	}

	List<UUID> pushSubscriptionIds(UUID tenant, UUID learner) {
		return jdbc.sql("""
				SELECT id FROM push_subscription WHERE tenant_id = :tenant AND learner_id = :learner
				ORDER BY created_at, id""").param("tenant", tenant).param("learner", learner).query(UUID.class).list();
	}

	Optional<PushSubscription> pushSubscription(UUID tenant, UUID id) {
		return jdbc.sql("""
				SELECT id, learner_id, endpoint, p256dh, auth FROM push_subscription
				WHERE tenant_id = :tenant AND id = :id""")
			.param("tenant", tenant)
			.param("id", id)
			.query((rs, row) -> new PushSubscription(rs.getObject("id", UUID.class),
					rs.getObject("learner_id", UUID.class), rs.getString("endpoint"), rs.getString("p256dh"),
					rs.getString("auth")))
			.optional();
	}

	/** Removes one of the learner's subscriptions; whether there was one. */
	boolean deletePushSubscription(UUID tenant, UUID learner, UUID id) {
		return jdbc
			.sql("DELETE FROM push_subscription WHERE tenant_id = :tenant AND learner_id = :learner AND id = :id")
			.param("tenant", tenant)
			.param("learner", learner)
			.param("id", id)
			.update() == 1;
	}

	/** Removes a subscription the push service says is gone. */
	void removePushSubscription(UUID tenant, UUID id) {
		jdbc.sql("DELETE FROM push_subscription WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant)
			.param("id", id)
			.update();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
