package io.cohort.jobs;

import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whose jobs a worker claims: every tenant's (the application's workers), or only some
 * tenants' (a test's own worker, which must leave the jobs of other tests in the shared
 * database alone).
 */
record WorkerScope(@Nullable Set<UUID> tenants) {

	static final WorkerScope EVERY_TENANT = new WorkerScope(null);

	/** The claim's condition on the candidate row {@code alias}. */
	String condition(String alias) {
		return (tenants != null) ? "AND " + alias + ".tenant_id IN (:scope)" : "";
	}

	JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
		return (tenants != null) ? statement.param("scope", tenants) : statement;
	}

}
