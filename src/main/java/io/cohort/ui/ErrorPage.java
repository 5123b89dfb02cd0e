package io.cohort.ui;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.cohort.system.RequestMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.ModelAndView;

/**
 * The HTML error page a browser gets instead of a JSON problem: the status, a message in
 * plain words and the correlation id to quote, in the {@code ui} layout. Only a request
 * that asks for {@code text/html} (at least as much as for JSON), and is neither an API
 * call nor an htmx fragment, gets it.
 */
final class ErrorPage {

	static final String VIEW = "error-page";

	private ErrorPage() {
	}

	/**
	 * Whether the caller is a browser asking for a page rather than a client expecting a
	 * problem.
	 */
	static boolean wanted(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/") || path.startsWith("/v1/") || path.startsWith("/actuator/")
				|| request.getHeader("HX-Request") != null) {
			return false;
		}
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null || accept.isBlank()) {
			return false;
		}
		List<MediaType> types;
		try {
			types = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		double html = 0;
		double json = 0;
		for (MediaType type : types) {
			if (type.getType().equals("text") && type.getSubtype().equals("html")) {
				html = Math.max(html, type.getQualityValue());
			}
			else if (type.getType().equals("application")
					&& (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
				json = Math.max(json, type.getQualityValue());
			}
		}
		return html > 0 && html >= json;
	}

	static ModelAndView render(HttpServletResponse response, HttpStatus status, @Nullable String detail) {
		String correlationId = response.getHeader(RequestMetadata.HEADER);
		if (correlationId == null) {
			correlationId = RequestMetadata.correlationId().orElse(null);
		}
		ModelAndView page = new ModelAndView(VIEW, Map.of("status", status.value(), "heading", title(status), "message",
				message(status), "correlationId", correlationId == null ? "" : correlationId), status);
		if (detail != null && !detail.isBlank()) {
			page.addObject("detail", detail);
		}
		return page;
	}

	static String title(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "Not found";
			case FORBIDDEN -> "Not allowed";
			case UNAUTHORIZED -> "Please sign in";
			case CONFLICT -> "That clashes with something already there";
			case CONTENT_TOO_LARGE -> "Too large";
			default -> status.is5xxServerError() ? "Something went wrong" : "That did not work";
		};
	}

	static String message(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "There is nothing at this address. It may have been removed, or the link may be wrong.";
			case FORBIDDEN -> "Your role does not allow this page or action.";
			case UNAUTHORIZED -> "You need to sign in to see this page.";
			case CONFLICT -> "Someone may have changed the same record. Reload the page and try again.";
			case CONTENT_TOO_LARGE -> "What you sent is larger than Cohort accepts.";
			default -> status.is5xxServerError()
					? "Cohort could not finish this request. Please try again; if it keeps happening, tell your administrator and quote the reference below."
					: "Cohort could not accept this request. Go back, check what you entered and try again.";
		};
	}

}
