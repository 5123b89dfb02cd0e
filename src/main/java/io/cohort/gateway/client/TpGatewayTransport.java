package io.cohort.gateway.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.cohort.system.OutboundUrlPolicy;
import io.cohort.system.RequestMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a {@link TpGatewayClient} talks to TPGateway, whatever the endpoint: URLs below the
 * base URL under the {@link OutboundUrlPolicy}, the {@link SsgPayloadCipher} encryption,
 * OAuth tokens or mutual TLS, the API version and correlation headers, and the
 * {@code {data, error, meta, status}} envelope read into a {@link TpGatewayResult}.
 */
final class TpGatewayTransport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);

	private static final int MAX_MESSAGE = 300;

	private final TpGatewayConnection connection;

	private final SsgPayloadCipher cipher;

	private final HttpClient http;

	private final OutboundUrlPolicy urls;

	private final Clock clock;

	private @Nullable CachedToken token;

	private int tokensFetched;

	TpGatewayTransport(TpGatewayConnection connection, OutboundUrlPolicy urls, Clock clock) {
		this.connection = connection;
		this.cipher = SsgPayloadCipher.ofBase64Key(connection.encryptionKey());
		this.urls = urls;
		this.clock = clock;
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connection.timeout());
		if (connection.auth() instanceof TpGatewayAuth.Certificate certificate) {
			builder.sslContext(sslContext(certificate));
		}
		this.http = builder.build();
	}

	synchronized int tokensFetched() {
		return tokensFetched;
	}

	/**
	 * The URL of an endpoint below the base URL: the template's variables are encoded in
	 * full, so a value can never add a path segment, a query or a fragment of its own.
	 */
	URI endpoint(String template, Object... variables) {
		int query = template.indexOf('?');
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(connection.baseUrl())
			.path(query < 0 ? template : template.substring(0, query));
		if (query >= 0) {
			builder.query(template.substring(query + 1));
		}
		return builder.encode().buildAndExpand(variables).toUri();
	}

	/**
	 * Sends the body encrypted and reads the answer's {@code data} with {@code value}.
	 */
	<T> TpGatewayResult<T> post(URI uri, Object body, Function<JsonNode, T> value) {
		return send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString(JSON.writeValueAsString(cipher.encrypt(JSON.writeValueAsString(body))))), value);
	}

	/** Reads the answer's {@code data} with {@code value}. */
	<T> TpGatewayResult<T> get(URI uri, Function<JsonNode, T> value) {
		return send(HttpRequest.newBuilder(uri).GET(), value);
	}

	private <T> TpGatewayResult<T> send(HttpRequest.Builder request, Function<JsonNode, T> value) {
		request.timeout(connection.timeout()).header("accept", "application/json");
		RequestMetadata.correlationId().ifPresent(id -> request.header(RequestMetadata.HEADER, id));
		HttpRequest built = request.copy().build();
		try {
			urls.connectable(built.uri());
		}
		catch (OutboundUrlPolicy.Refused ex) {
			return new TpGatewayResult.Permanent<>(0, "The TPGateway URL is refused: " + ex.getMessage());
		}
		if (connection.apiVersion() != null) {
			request.header("x-api-version", connection.apiVersion());
		}
		if (connection.auth() instanceof TpGatewayAuth.OAuth oauth) {
			TpGatewayResult<String> authorization = authorization(oauth);
			if (!(authorization instanceof TpGatewayResult.Success<String> header)) {
				return retype(authorization);
			}
			request.header("Authorization", header.value());
		}
		HttpResponse<String> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException ex) {
			return new TpGatewayResult.Retryable<>(0, "TPGateway did not answer within " + connection.timeout(), null);
		}
		catch (IOException ex) {
			return new TpGatewayResult.Retryable<>(0, "TPGateway could not be reached: " + ex.getMessage(), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new TpGatewayResult.Retryable<>(0, "Interrupted while calling TPGateway", null);
		}
		return interpret(response, value);
	}

	private <T> TpGatewayResult<T> interpret(HttpResponse<String> response, Function<JsonNode, T> value) {
		int status = response.statusCode();
		if (status == 408 || status == 429 || status >= 500) {
			return new TpGatewayResult.Retryable<>(status, errorMessage(response.body(), status),
					retryAfter(response).orElse(null));
		}
		if (status >= 400) {
			return new TpGatewayResult.Permanent<>(status, errorMessage(response.body(), status));
		}
		JsonNode envelope;
		try {
			envelope = JSON.readTree(cipher.decrypt(unquote(response.body())));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return new TpGatewayResult.Permanent<>(status, "TPGateway's response could not be decrypted and read");
		}
		int inner = envelope.path("status").asInt(status);
		if (inner >= 500) {
			return new TpGatewayResult.Retryable<>(status, message(envelope, inner), null);
		}
		if (inner >= 300 || hasError(envelope.path("error"))) {
			return new TpGatewayResult.Permanent<>(status, message(envelope, inner));
		}
		try {
			return new TpGatewayResult.Success<>(value.apply(envelope.path("data")));
		}
		catch (IllegalArgumentException ex) {
			return new TpGatewayResult.Permanent<>(status, ex.getMessage());
		}
	}

	/**
	 * What a failed call's answer says, from the gateway's own error envelope only
	 * (encrypted, or plain JSON with an {@code error}), as a short excerpt without
	 * control characters. Any other body (an HTML page, a proxy's text) is never
	 * repeated: the message names the status alone.
	 */
	private String errorMessage(String body, int status) {
		String text = unquote(body);
		try {
			return message(JSON.readTree(cipher.decrypt(text)), status);
		}
		catch (IllegalArgumentException | JacksonException notEncrypted) {
			try {
				JsonNode json = JSON.readTree(body);
				JsonNode error = json.path("error");
				if (error.isString()) {
					try {
						return message(JSON.readTree(cipher.decrypt(error.asString())), status);
					}
					catch (IllegalArgumentException | JacksonException plain) {
						return clip(error.asString());
					}
				}
				return json.isObject() && error.isObject() ? message(json, status)
						: "TPGateway answered HTTP " + status;
			}
			catch (JacksonException notJson) {
				return "TPGateway answered HTTP " + status;
			}
		}
	}

	private static String message(JsonNode envelope, int status) {
		JsonNode error = envelope.path("error");
		if (error.isString() && !error.asString().isBlank()) {
			return clip(error.asString());
		}
		if (error.isObject() && !error.isEmpty()) {
			StringBuilder message = new StringBuilder(error.path("message").asString(""));
			for (JsonNode detail : error.path("details")) {
				message.append(message.isEmpty() ? "" : "; ")
					.append(detail.path("field").asString(""))
					.append(detail.has("field") ? ": " : "")
					.append(detail.path("message").asString(""));
			}
			return clip(message.isEmpty() ? error.toString() : message.toString());
		}
		return "TPGateway answered with status " + status;
	}

	private static boolean hasError(JsonNode error) {
		return error.isString() ? !error.asString().isBlank() : error.isObject() && !error.isEmpty();
	}

	private static Optional<Duration> retryAfter(HttpResponse<String> response) {
		return response.headers().firstValue("Retry-After").flatMap(value -> {
			try {
				return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		});
	}

	private synchronized TpGatewayResult<String> authorization(TpGatewayAuth.OAuth oauth) {
		Instant now = clock.instant();
		if (token != null && now.isBefore(token.expiresAt().minus(TOKEN_MARGIN))) {
			return new TpGatewayResult.Success<>(token.header());
		}
		try {
			urls.connectable(oauth.tokenUrl());
		}
		catch (OutboundUrlPolicy.Refused ex) {
			return new TpGatewayResult.Permanent<>(0, "The TPGateway token URL is refused: " + ex.getMessage());
		}
		String basic = Base64.getEncoder()
			.encodeToString((oauth.clientId() + ":" + oauth.clientSecret()).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(oauth.tokenUrl())
			.timeout(connection.timeout())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("accept", "application/json")
			.header("Authorization", "Basic " + basic)
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return new TpGatewayResult.Retryable<>(0, "The TPGateway token endpoint could not be reached", null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new TpGatewayResult.Retryable<>(0, "Interrupted while fetching a TPGateway token", null);
		}
		int status = response.statusCode();
		if (status == 408 || status == 429 || status >= 500) {
			return new TpGatewayResult.Retryable<>(status, "The TPGateway token endpoint answered " + status,
					retryAfter(response).orElse(null));
		}
		if (status >= 300) {
			return new TpGatewayResult.Permanent<>(status, "TPGateway refused the client credentials (" + status + ")");
		}
		try {
			JsonNode json = JSON.readTree(response.body());
			String accessToken = json.path("access_token").asString("");
			if (accessToken.isBlank()) {
				return new TpGatewayResult.Permanent<>(status, "The TPGateway token response has no access token");
			}
			String type = json.path("token_type").asString("Bearer");
			token = new CachedToken(type + " " + accessToken,
					now.plusSeconds(json.path("expires_in").asLong(TOKEN_MARGIN.toSeconds())));
			tokensFetched++;
			return new TpGatewayResult.Success<>(token.header());
		}
		catch (JacksonException ex) {
			return new TpGatewayResult.Permanent<>(status, "The TPGateway token response is not JSON");
		}
	}

	private static SSLContext sslContext(TpGatewayAuth.Certificate certificate) {
		char[] password = certificate.password().toCharArray();
		try (InputStream in = new ByteArrayInputStream(certificate.pkcs12Keystore())) {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(in, password);
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(keyStore, password);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalArgumentException("Cannot load the TPGateway client certificate: " + ex.getMessage(), ex);
		}
	}

	@SuppressWarnings("unchecked")
	static <T> TpGatewayResult<T> retype(TpGatewayResult<?> failure) {
		return (TpGatewayResult<T>) failure;
	}

	private static String unquote(String body) {
		String trimmed = body.trim();
		if (trimmed.startsWith("\"")) {
			try {
				return JSON.readTree(trimmed).asString();
			}
			catch (JacksonException ex) {
				return trimmed;
			}
		}
		return trimmed;
	}

	/**
	 * A remote text made safe to keep: control characters out, white space folded, at
	 * most 300 characters.
	 */
	static String clip(String text) {
		String clean = text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+", " ").replaceAll("\\s+", " ").trim();
		return clean.length() > MAX_MESSAGE ? clean.substring(0, MAX_MESSAGE) + "…" : clean;
	}

	private record CachedToken(String header, Instant expiresAt) {
	}

}
