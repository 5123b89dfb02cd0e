package io.cohort.lms;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach one tenant's Moodle: its base URL, its web service token (opened), the
 * role a learner is enrolled with, and how long to wait for an answer.
 */
record MoodleConnection(URI baseUrl, String token, long studentRoleId, Duration timeout) {

	@Override
	public String toString() {
		return "MoodleConnection[baseUrl=" + baseUrl + ", token=***, studentRoleId=" + studentRoleId + "]";
	}

}
