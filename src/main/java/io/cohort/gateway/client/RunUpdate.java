package io.cohort.gateway.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A change to a published run: its details as they are now, and what becomes of each
 * session. TPGateway edits a run's sessions inside the run: an existing session is
 * updated or deleted by its id, a session without an id is added.
 */
public record RunUpdate(String runId, RunPublication run, List<SessionEdit> sessions) {

	/** What to do with one session; {@code session} is absent for a delete. */
	public record SessionEdit(@Nullable String action, @Nullable String sessionId,
			RunPublication.@Nullable Session session) {

		public static SessionEdit add(RunPublication.Session session) {
			return new SessionEdit(null, null, session);
		}

		public static SessionEdit update(String sessionId, RunPublication.Session session) {
			return new SessionEdit("update", sessionId, session);
		}

		public static SessionEdit delete(String sessionId) {
			return new SessionEdit("delete", sessionId, null);
		}

	}

}
