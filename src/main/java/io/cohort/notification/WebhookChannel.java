package io.cohort.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.cohort.system.OutboundUrlPolicy;
import io.cohort.system.SecretBox;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts each WEBHOOK message as JSON to the tenant's URL, signed like Stripe's webhooks:
 * {@code Cohort-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} with the
 * tenant's secret. The URL is checked again right before each call; anything but a 2xx is
 * a failure retried with backoff.
 */
@Component
class WebhookChannel implements NotificationChannel {

	static final String SIGNATURE_HEADER = "Cohort-Signature";

	static final String SECRET_PURPOSE = "notification-webhook";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final NotificationRepository notifications;

	private final SecretBox secrets;

	private final OutboundUrlPolicy urls;

	private final Clock clock;

	WebhookChannel(NotificationRepository notifications, SecretBox secrets, OutboundUrlPolicy urls, Clock clock) {
		this.notifications = notifications;
		this.secrets = secrets;
		this.urls = urls;
		this.clock = clock;
	}

	@Override
	public Channel channel() {
		return Channel.WEBHOOK;
	}

	@Override
	public void send(Outgoing message) throws Exception {
		byte[] sealed = notifications.webhookSecret(message.tenantId())
			.orElseThrow(() -> new IllegalStateException("the tenant has no webhook secret"));
		URI uri = URI.create(message.recipient());
		urls.connectable(uri);
		long timestamp = clock.instant().getEpochSecond();
		String body = JSON.writeValueAsString(JSON.createObjectNode()
			.put("id", message.id().toString())
			.put("tenant_id", message.tenantId().toString())
			.put("subject", message.subject())
			.put("text", message.text())
			.put("sent_at", timestamp));
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header(SIGNATURE_HEADER, signature(secrets.open(SECRET_PURPOSE, sealed), timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() / 100 != 2) {
			throw new IOException("the webhook answered " + response.statusCode());
		}
	}

	/** {@code t=<timestamp>,v1=<hex HMAC-SHA256 of "timestamp.body">}. */
	static String signature(String secret, long timestamp, String body) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
	}

}
