package io.cohort.analytics;

import java.net.URI;
import java.time.Duration;

/** How to reach one source (MOOC or H5P): its base URL and opened token. */
record SourceConnection(URI baseUrl, String token, Duration timeout) {

	@Override
	public String toString() {
		return "SourceConnection[baseUrl=" + baseUrl + ", token=***]";
	}

}
