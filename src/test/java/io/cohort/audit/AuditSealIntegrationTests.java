package io.cohort.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import io.cohort.system.ClusterLock;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sealer chains committed facts whatever order their ids were handed out and their
 * transactions committed in: a fact that commits after one with a higher id was sealed
 * still gets sealed, after it, and the chain stays intact.
 */
class AuditSealIntegrationTests extends ApiIntegrationTest {

	@Autowired
	AuditLog audit;

	@Autowired
	AuditSealer sealer;

	@Autowired
	DataSource dataSource;

	@Autowired
	ClusterLock clusterLock;

	private TestTenant tenant;

	@BeforeEach
	void sealedTenant() {
		tenant = api.newTenant();
		audit.sealNow();
	}

	@Test
	void aLowerIdFactThatCommitsAfterAHigherOneWasSealedIsSealedAfterIt() throws SQLException {
		try (Connection early = transaction(); Connection late = transaction()) {
			xid(early);
			xid(late);
			long lower = insertFact(late, "late");
			long higher = insertFact(early, "early");
			early.commit();

			sealer.sealCommitted();
			assertThat(seq(higher)).isNotNull();
			assertThat(seq(lower)).as("a fact of a transaction still in flight").isNull();

			late.commit();
			sealer.sealCommitted();
			assertThat(lower).isLessThan(higher);
			assertThat(seq(lower)).isEqualTo(seq(higher) + 1);
		}
		assertIntactAndAllSealed();
	}

	@Test
	void aFactCommittedBehindAnOlderTransactionStillInFlightWaitsForIt() throws SQLException {
		try (Connection older = transaction(); Connection newer = transaction()) {
			long first = insertFact(older, "older");
			long second = insertFact(newer, "newer");
			newer.commit();

			sealer.sealCommitted();
			assertThat(seq(second)).as("committed, but an older transaction may still commit").isNull();
			assertThat(seq(first)).isNull();

			older.commit();
			sealer.sealCommitted();
			assertThat(seq(second)).isEqualTo(seq(first) + 1);
		}
		assertIntactAndAllSealed();
	}

	@Test
	void aRolledBackTransactionHoldsNothingBack() throws SQLException {
		long kept;
		try (Connection rolledBack = transaction(); Connection committed = transaction()) {
			insertFact(rolledBack, "rolled back");
			kept = insertFact(committed, "kept");
			committed.commit();
			rolledBack.rollback();
		}
		sealer.sealCommitted();

		assertThat(seq(kept)).isNotNull();
		assertIntactAndAllSealed();
	}

	@Test
	void theScheduledPassSealsUnderTheClusterLock() {
		api.patch("/api/v1/users/" + tenant.adminId())
			.bearer(tenant.adminToken())
			.json(java.util.Map.of("display_name", "Sealed on schedule"))
			.send()
			.expect(200);

		// as the timer runs it: the pass's session lock held on one connection, the
		// sealing on others
		assertThat(clusterLock.runOnce("audit-seal", Duration.ofMillis(1), sealer::scheduledPass)).isTrue();

		assertIntactAndAllSealed();
	}

	private void assertIntactAndAllSealed() {
		AuditLog.Verification verification = audit.verifyChain(tenant.id());
		assertThat(verification.intact()).as(verification.problem()).isTrue();
		assertThat(verification.unsealed()).isZero();
		assertThat(verification.checked()).isEqualTo(jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :t")
			.param("t", tenant.id())
			.query(Long.class)
			.single());
	}

	private Connection transaction() throws SQLException {
		Connection connection = dataSource.getConnection();
		connection.setAutoCommit(false);
		return connection;
	}

	private static void xid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_current_xact_id()");
		}
	}

	/** A fact as the audit trail writes it, in the connection's open transaction. */
	private long insertFact(Connection connection, String marker) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("""
				INSERT INTO audit_event (tenant_id, occurred_at, actor_type, actor_label, action, entity_type,
				    entity_id, changes)
				VALUES (?, date_trunc('milliseconds', now()), 'SYSTEM', 'test', 'test.sealed', 'test', ?, '{}')
				RETURNING id""")) {
			insert.setObject(1, tenant.id());
			insert.setString(2, marker);
			try (ResultSet rs = insert.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private @Nullable Long seq(long event) {
		return jdbc.sql("SELECT seq FROM audit_seal WHERE event_id = :id")
			.param("id", event)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

}
