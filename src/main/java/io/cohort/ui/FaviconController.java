package io.cohort.ui;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Browsers ask for {@code /favicon.ico} whatever the page links; they are sent to the SVG
 * icon the layout links, instead of a 404 in every log.
 */
@Controller
class FaviconController {

	@GetMapping("/favicon.ico")
	ResponseEntity<Void> favicon() {
		return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
			.header(HttpHeaders.LOCATION, "/favicon.svg")
			.header(HttpHeaders.CACHE_CONTROL, "max-age=86400")
			.build();
	}

}
