package io.cohort.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import io.cohort.system.OutboundUrlPolicy;
import nl.martijndwars.webpush.AbstractPushService;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.HttpRequest;
import nl.martijndwars.webpush.Notification;
import nl.martijndwars.webpush.Utils;
import org.jose4j.lang.JoseException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each PUSH message to one browser's push service (Web Push): the web-push library
 * encrypts it to the browser's keys (RFC 8291, {@code aes128gcm}) and signs the request
 * with the VAPID key (RFC 8292); Cohort posts it with the JDK client, after checking the
 * endpoint with the outbound-URL policy. A 404 or 410 means the browser unsubscribed: its
 * subscription is removed and the message SKIPPED.
 */
@Component
class PushChannel implements NotificationChannel {

	/** How long a push service keeps a message for a browser that is offline. */
	static final int TTL_SECONDS = 24 * 60 * 60;

	/** Where a click on the notification leads. */
	static final String CLICK_URL = "/my/notifications";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final NotificationRepository notifications;

	private final VapidKeys vapid;

	private final OutboundUrlPolicy urls;

	PushChannel(NotificationRepository notifications, VapidKeys vapid, OutboundUrlPolicy urls) {
		this.notifications = notifications;
		this.vapid = vapid;
		this.urls = urls;
	}

	@Override
	public Channel channel() {
		return Channel.PUSH;
	}

	@Override
	public boolean enabled() {
		return vapid.pair().isPresent();
	}

	@Override
	public String offReason() {
		return "push is off: COHORT_VAPID_PRIVATE_KEY is not set";
	}

	@Override
	public void send(Outgoing message) throws Exception {
		VapidKeys.Pair pair = vapid.pair().orElseThrow(() -> new IllegalStateException(offReason()));
		NotificationRepository.PushSubscription browser = notifications
			.pushSubscription(message.tenantId(), UUID.fromString(message.recipient()))
			.orElseThrow(() -> new Undeliverable("the browser's subscription was removed"));
		byte[] payload = JSON.writeValueAsBytes(JSON.createObjectNode()
			.put("id", message.id().toString())
			.put("title", message.subject())
			.put("body", message.text())
			.put("url", CLICK_URL));
		HttpRequest prepared = new Signer(pair.keys(), pair.subject())
			.request(new Push(browser.endpoint(), browserKey(browser.p256dh()), decode(browser.auth()), payload));
		URI uri = URI.create(prepared.getUrl());
		urls.connectable(uri);
		java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(prepared.getBody()));
		prepared.getHeaders().forEach(request::header);
		HttpResponse<String> response = http.send(request.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		if (response.statusCode() == 404 || response.statusCode() == 410) {
			notifications.removePushSubscription(message.tenantId(), browser.id());
			throw new Undeliverable("the push service answered " + response.statusCode()
					+ ": the browser unsubscribed, its subscription is removed");
		}
		if (response.statusCode() / 100 != 2) {
			throw new IOException("the push service answered " + response.statusCode());
		}
	}

	/**
	 * A browser's {@code p256dh} key (Base64url of an uncompressed P-256 point); throws
	 * {@link IllegalArgumentException} for anything else.
	 */
	static PublicKey browserKey(String p256dh) {
		byte[] point = decode(p256dh);
		if (point.length != 65 || point[0] != 4) {
			throw new IllegalArgumentException("not an uncompressed P-256 point");
		}
		try {
			return Utils.loadPublicKey(point);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new IllegalArgumentException("not a P-256 public key", ex);
		}
	}

	/** Base64url, with or without padding; {@link IllegalArgumentException} if not. */
	static byte[] decode(String value) {
		return Base64.getUrlDecoder().decode(value.strip().replace("=", ""));
	}

	/**
	 * One message for the library, whose VAPID audience is the endpoint's origin with its
	 * port: the library's own {@link Notification#getOrigin()} drops a non-default port,
	 * which a push service checking {@code aud} (RFC 8292 §2) refuses.
	 */
	private static final class Push extends Notification {

		Push(String endpoint, PublicKey browserKey, byte[] auth, byte[] payload) {
			super(endpoint, browserKey, auth, payload, TTL_SECONDS);
		}

		@Override
		public String getOrigin() {
			URI uri = URI.create(getEndpoint());
			return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
		}

	}

	/** The library's request builder: encrypts and signs, sends nothing. */
	private static final class Signer extends AbstractPushService<Signer> {

		Signer(KeyPair keys, String subject) {
			super(keys, subject);
		}

		HttpRequest request(Notification notification) throws GeneralSecurityException, IOException, JoseException {
			return prepareRequest(notification, Encoding.AES128GCM);
		}

	}

}
