package io.cohort.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: keeps cookies, reads the CSRF token from the last page and
 * posts forms.
 */
final class WebClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String base;

	private final HttpClient http;

	private String csrf = "";

	WebClient(int port) {
		this.base = "http://localhost:" + port;
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	HttpResponse<String> get(String path) {
		return getWith(path, Map.of());
	}

	HttpResponse<String> getWith(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
		headers.forEach(request::header);
		return send(request.build());
	}

	/** Posts a form with the CSRF token of the last page fetched. */
	HttpResponse<String> post(String path, Map<String, String> fields) {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		withToken.put("_csrf", csrf);
		return postRaw(path, withToken, Map.of());
	}

	/**
	 * Posts a form whose fields may repeat (checkbox groups, rows), with the CSRF token
	 * of the last page.
	 */
	HttpResponse<String> postFields(String path, java.util.List<Map.Entry<String, String>> fields) {
		java.util.List<Map.Entry<String, String>> withToken = new java.util.ArrayList<>(fields);
		withToken.add(Map.entry("_csrf", csrf));
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(withToken)))
			.build());
	}

	/** A file in a multipart form: its name as sent, declared type and bytes. */
	record FilePart(String fileName, String contentType, byte[] content) {
	}

	/**
	 * Posts a {@code multipart/form-data} form (fields and files) with the CSRF token of
	 * the last page.
	 */
	HttpResponse<String> postMultipart(String path, Map<String, String> fields, Map<String, FilePart> files) {
		String boundary = "----cohort-web-" + java.util.UUID.randomUUID();
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		withToken.put("_csrf", csrf);
		withToken.forEach((name, value) -> out.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
					.getBytes(StandardCharsets.UTF_8)));
		files.forEach((name, file) -> {
			out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
					+ file.fileName() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			out.writeBytes(file.content());
			out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		});
		out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
			.build());
	}

	HttpResponse<String> postRaw(String path, Map<String, String> fields, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(java.util.List.copyOf(fields.entrySet()))));
		headers.forEach(request::header);
		return send(request.build());
	}

	/**
	 * Posts a JSON body with the given headers (a page's script calling its controller).
	 */
	HttpResponse<String> postJson(String path, String json, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		headers.forEach(request::header);
		return send(request.build());
	}

	/** Signs in through the login page; answers the response to the form post. */
	HttpResponse<String> login(String tenant, String email, String password) {
		get("/login");
		return post("/login", Map.of("tenant", tenant, "email", email, "password", password));
	}

	String csrf() {
		return csrf;
	}

	private static String encode(java.util.List<Map.Entry<String, String>> fields) {
		return fields.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			Matcher matcher = CSRF.matcher(response.body());
			if (matcher.find()) {
				csrf = matcher.group(1);
			}
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
