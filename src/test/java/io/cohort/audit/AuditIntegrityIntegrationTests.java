package io.cohort.audit;

import java.util.List;
import java.util.Map;

import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit trail and its seals are append-only in the database, for the application role
 * by its privileges and for the owner by a trigger; and a change made behind the
 * database's back to a sealed fact shows in the chain check.
 */
class AuditIntegrityIntegrationTests extends ApiIntegrationTest {

	@Autowired
	EmbeddedPostgres postgres;

	@Autowired
	AuditLog audit;

	private JdbcClient owner;

	private TestTenant tenant;

	@BeforeEach
	void tenantWithSomeHistory() {
		owner = JdbcClient.create(postgres.getDatabase("postgres", "cohort"));
		tenant = api.newTenant();
		for (String name : List.of("One", "Two", "Three")) {
			api.patch("/api/v1/users/" + tenant.adminId())
				.bearer(tenant.adminToken())
				.json(Map.of("display_name", name))
				.send()
				.expect(200);
		}
		audit.sealNow();
	}

	@Test
	void theApplicationRoleMayNotUpdateDeleteOrTruncateAuditRows() {
		assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("cohort_app");

		for (String statement : List.of("UPDATE audit_event SET changes = '{}' WHERE tenant_id = :tenant",
				"DELETE FROM audit_event WHERE tenant_id = :tenant", "TRUNCATE audit_event")) {
			assertThatExceptionOfType(DataAccessException.class).as(statement)
				.isThrownBy(() -> jdbc.sql(statement).param("tenant", tenant.id()).update())
				.satisfies(ex -> assertThat(ex.getMostSpecificCause().getMessage())
					.contains("permission denied for table audit_event"));
		}
		for (String statement : List.of("UPDATE audit_seal SET hash = prev_hash WHERE chain = :tenant",
				"DELETE FROM audit_seal WHERE chain = :tenant", "TRUNCATE audit_seal")) {
			assertThatExceptionOfType(DataAccessException.class).as(statement)
				.isThrownBy(() -> jdbc.sql(statement).param("tenant", tenant.id()).update())
				.satisfies(ex -> assertThat(ex.getMostSpecificCause().getMessage())
					.contains("permission denied for table audit_seal"));
		}
		assertThat(verify().get("intact").asBoolean()).isTrue();
	}

	@Test
	void evenTheOwnerCannotUpdateOrDeleteAuditRows() {
		for (String statement : List.of("UPDATE audit_event SET changes = '{}' WHERE tenant_id = :tenant",
				"DELETE FROM audit_event WHERE tenant_id = :tenant")) {
			assertThatExceptionOfType(DataAccessException.class).as(statement)
				.isThrownBy(() -> owner.sql(statement).param("tenant", tenant.id()).update())
				.satisfies(ex -> assertThat(ex.getMostSpecificCause().getMessage()).contains("append-only"));
		}
		for (String statement : List.of("UPDATE audit_seal SET hash = prev_hash WHERE chain = :tenant",
				"DELETE FROM audit_seal WHERE chain = :tenant")) {
			assertThatExceptionOfType(DataAccessException.class).as(statement)
				.isThrownBy(() -> owner.sql(statement).param("tenant", tenant.id()).update())
				.satisfies(ex -> assertThat(ex.getMostSpecificCause().getMessage()).contains("append-only"));
		}
		for (String table : List.of("audit_event", "audit_seal")) {
			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> owner.sql("TRUNCATE " + table + " CASCADE").update())
				.satisfies(ex -> assertThat(ex.getMostSpecificCause().getMessage()).contains("append-only"));
		}
		assertThat(verify().get("intact").asBoolean()).isTrue();
	}

	@Test
	void anIntactChainVerifies() {
		JsonNode verification = verify();

		assertThat(verification.get("intact").asBoolean()).isTrue();
		assertThat(verification.get("checked").asLong()).isEqualTo(rows()).isGreaterThanOrEqualTo(5);
		assertThat(verification.get("broken_at_seq").isNull()).isTrue();
		assertThat(verification.get("unsealed").asLong()).isZero();
		assertThat(verification.get("oldest_unsealed_at").isNull()).isTrue();
	}

	@Test
	void detectsARowWhoseChangesWereEdited() {
		long seq = rows() - 1;

		withoutTriggers(() -> owner.sql("""
				UPDATE audit_event SET changes = replace(changes, 'Two', 'Tw0')
				WHERE id = (SELECT event_id FROM audit_seal WHERE chain = :tenant AND seq = :seq)""")
			.param("tenant", tenant.id())
			.param("seq", seq)
			.update());

		JsonNode verification = verify();
		assertThat(verification.get("intact").asBoolean()).isFalse();
		assertThat(verification.get("broken_at_seq").asLong()).isEqualTo(seq);
		assertThat(verification.get("checked").asLong()).isEqualTo(seq - 1);
		assertThat(verification.get("problem").asString()).isNotBlank();
	}

	@Test
	void detectsADeletedRowInTheMiddle() {
		long seq = rows() - 2;

		withoutTriggers(() -> deleteSealedRow(seq));

		JsonNode verification = verify();
		assertThat(verification.get("intact").asBoolean()).isFalse();
		assertThat(verification.get("broken_at_seq").asLong()).isEqualTo(seq);
	}

	@Test
	void detectsADeletedRowEvenWhenTheLaterRowsAreRenumbered() {
		long seq = rows() - 2;

		withoutTriggers(() -> {
			deleteSealedRow(seq);
			// in two steps, so the unique (chain, seq) key holds whatever order the rows
			// are updated in
			owner.sql("UPDATE audit_seal SET seq = -seq WHERE chain = :tenant AND seq > :seq")
				.param("tenant", tenant.id())
				.param("seq", seq)
				.update();
			owner.sql("UPDATE audit_seal SET seq = -seq - 1 WHERE chain = :tenant AND seq < 0")
				.param("tenant", tenant.id())
				.update();
		});

		JsonNode verification = verify();
		assertThat(verification.get("intact").asBoolean()).isFalse();
		assertThat(verification.get("broken_at_seq").asLong()).isEqualTo(seq);
	}

	@Test
	void aFactNotSealedYetIsReportedAsTheTailAndSealedOnTheNextPass() {
		api.patch("/api/v1/users/" + tenant.adminId())
			.bearer(tenant.adminToken())
			.json(Map.of("display_name", "Four"))
			.send()
			.expect(200);

		JsonNode before = verify();
		assertThat(before.get("intact").asBoolean()).isTrue();
		assertThat(before.get("unsealed").asLong()).isPositive();
		assertThat(before.get("checked").asLong() + before.get("unsealed").asLong()).isEqualTo(rows());
		assertThat(before.get("oldest_unsealed_at").asString()).isNotBlank();
		JsonNode newest = api.get("/api/v1/audit?size=1").bearer(tenant.adminToken()).send().expect(200).json();
		assertThat(newest.at("/items/0/seq").isNull()).isTrue();
		assertThat(newest.at("/items/0/hash").isNull()).isTrue();

		assertThat(audit.sealNow()).isGreaterThanOrEqualTo(1);

		JsonNode after = verify();
		assertThat(after.get("intact").asBoolean()).isTrue();
		assertThat(after.get("checked").asLong()).isEqualTo(rows());
		assertThat(after.get("unsealed").asLong()).isZero();
		assertThat(api.get("/api/v1/audit?size=1")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.at("/items/0/seq")
			.asLong()).isEqualTo(rows());
	}

	@Test
	void aSealedFactWhoseSealIsDeletedIsAGapAndShowsInTheTail() {
		long seq = rows() - 1;

		withoutTriggers(() -> owner.sql("DELETE FROM audit_seal WHERE chain = :tenant AND seq = :seq")
			.param("tenant", tenant.id())
			.param("seq", seq)
			.update());

		JsonNode verification = verify();
		assertThat(verification.get("intact").asBoolean()).isFalse();
		assertThat(verification.get("broken_at_seq").asLong()).isEqualTo(seq);
		assertThat(verification.get("unsealed").asLong()).isEqualTo(1);
	}

	private void deleteSealedRow(long seq) {
		Long event = owner.sql("DELETE FROM audit_seal WHERE chain = :tenant AND seq = :seq RETURNING event_id")
			.param("tenant", tenant.id())
			.param("seq", seq)
			.query(Long.class)
			.single();
		owner.sql("DELETE FROM audit_event WHERE id = :id").param("id", event).update();
	}

	private void withoutTriggers(Runnable change) {
		owner.sql("ALTER TABLE audit_event DISABLE TRIGGER USER").update();
		owner.sql("ALTER TABLE audit_seal DISABLE TRIGGER USER").update();
		try {
			change.run();
		}
		finally {
			owner.sql("ALTER TABLE audit_seal ENABLE TRIGGER USER").update();
			owner.sql("ALTER TABLE audit_event ENABLE TRIGGER USER").update();
		}
	}

	private long rows() {
		return jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :tenant")
			.param("tenant", tenant.id())
			.query(Long.class)
			.single();
	}

	private JsonNode verify() {
		return api.get("/api/v1/audit/verify").bearer(tenant.adminToken()).send().expect(200).json();
	}

}
