package io.cohort.analytics;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import io.cohort.system.OutboundUrlPolicy;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of one analytics source (seed 004's MOOC export API or H5P reporting API):
 * {@code GET {base}{path}} with the token as a bearer token, never in the URL, a log line
 * or a message. The URL must still be connectable under the outbound URL policy before
 * each call.
 */
class SourceClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SourceConnection connection;

	private final OutboundUrlPolicy urls;

	private final HttpClient http;

	SourceClient(SourceConnection connection, OutboundUrlPolicy urls) {
		this.connection = connection;
		this.urls = urls;
		this.http = HttpClient.newBuilder().connectTimeout(connection.timeout()).build();
	}

	/** One page of a paginated export: its rows, and whether another page follows. */
	record Page(int count, boolean more, List<JsonNode> results) {
	}

	/** Why a call failed, and whether trying again later may help. */
	static final class SourceException extends Exception {

		private static final long serialVersionUID = 1L;

		private final boolean retryable;

		SourceException(String message, boolean retryable) {
			super(message);
			this.retryable = retryable;
		}

		boolean retryable() {
			return retryable;
		}

	}

	/** Page {@code page} (from 1) of an export, {@code size} rows at most. */
	Page page(String path, int page, int size) throws SourceException {
		JsonNode body = get(path, Map.of("page", String.valueOf(page), "page_size", String.valueOf(size)));
		JsonNode results = body.path("results");
		if (!results.isArray()) {
			throw new SourceException("The source's answer to " + path + " has no results list", false);
		}
		List<JsonNode> rows = new ArrayList<>();
		results.forEach(rows::add);
		return new Page(body.path("count").asInt(rows.size()), !body.path("next").isNull() && body.has("next"), rows);
	}

	/** The JSON answer to {@code GET {base}{path}?{query}}. */
	JsonNode get(String path, Map<String, String> query) throws SourceException {
		HttpRequest request = request(path, query);
		try {
			return answer(path, http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw unreachable(path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SourceException("Interrupted while calling the source", true);
		}
	}

	/**
	 * The JSON answers to {@code GET {base}{path}} for each path, in their order, the
	 * calls made at once: a step's per-user calls wait on the network together rather
	 * than one after another. Every call is waited for, so none is left running; the
	 * first failure, in path order, is the one thrown.
	 */
	List<JsonNode> getAll(List<String> paths) throws SourceException {
		List<HttpRequest> requests = new ArrayList<>();
		for (String path : paths) {
			requests.add(request(path, Map.of()));
		}
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (HttpRequest request : requests) {
			calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
		}
		List<JsonNode> answers = new ArrayList<>();
		SourceException failure = null;
		for (int i = 0; i < paths.size(); i++) {
			try {
				answers.add(answer(paths.get(i), await(paths.get(i), calls.get(i))));
			}
			catch (SourceException ex) {
				failure = (failure != null) ? failure : ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
		return answers;
	}

	private HttpResponse<String> await(String path, CompletableFuture<HttpResponse<String>> call)
			throws SourceException {
		try {
			return call.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw unreachable(path, io);
			}
			throw new SourceException("The call to " + path + " failed: " + ex.getCause().getClass().getSimpleName(),
					true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SourceException("Interrupted while calling the source", true);
		}
	}

	private HttpRequest request(String path, Map<String, String> query) throws SourceException {
		String base = connection.baseUrl().toString();
		String q = query.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path
				+ (q.isEmpty() ? "" : "?" + q));
		try {
			urls.connectable(uri);
		}
		catch (OutboundUrlPolicy.Refused ex) {
			throw new SourceException("The source's address is not allowed: " + ex.getMessage(), false);
		}
		return HttpRequest.newBuilder(uri)
			.timeout(connection.timeout())
			.header("Authorization", "Bearer " + connection.token())
			.header("Accept", "application/json")
			.GET()
			.build();
	}

	private static SourceException unreachable(String path, IOException ex) {
		if (ex instanceof HttpTimeoutException) {
			return new SourceException("The source did not answer " + path + " in time", true);
		}
		return new SourceException("The source could not be reached: " + ex.getClass().getSimpleName(), true);
	}

	private static JsonNode answer(String path, HttpResponse<String> response) throws SourceException {
		int status = response.statusCode();
		if (status == 401 || status == 403) {
			throw new SourceException("The source refused the token (HTTP " + status + ")", false);
		}
		if (status == 404) {
			throw new SourceException("The source does not know " + path + " (HTTP 404)", false);
		}
		if (status == 429 || status >= 500) {
			throw new SourceException("The source failed (HTTP " + status + ")", true);
		}
		if (status != 200) {
			throw new SourceException("The source answered HTTP " + status, false);
		}
		try {
			return JSON.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new SourceException("The source's answer to " + path + " is not JSON", false);
		}
	}

}
