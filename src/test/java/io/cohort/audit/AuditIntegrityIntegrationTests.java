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
 * The audit trail is append-only in the database, for the application role by its
 * privileges and for the owner by a trigger; and a change made behind the database's back
 * shows in the chain check.
 */
class AuditIntegrityIntegrationTests extends ApiIntegrationTest {

	@Autowired
	EmbeddedPostgres postgres;

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
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> owner.sql("TRUNCATE audit_event").update())
			.satisfies(ex -> assertThat(ex.getMostSpecificCause().getMessage()).contains("append-only"));
		assertThat(verify().get("intact").asBoolean()).isTrue();
	}

	@Test
	void anIntactChainVerifies() {
		JsonNode verification = verify();

		assertThat(verification.get("intact").asBoolean()).isTrue();
		assertThat(verification.get("checked").asLong()).isEqualTo(rows()).isGreaterThanOrEqualTo(5);
		assertThat(verification.get("broken_at_seq").isNull()).isTrue();
	}

	@Test
	void detectsARowWhoseChangesWereEdited() {
		long seq = rows() - 1;

		withoutTriggers(() -> owner.sql("""
				UPDATE audit_event SET changes = replace(changes, 'Two', 'Tw0')
				WHERE tenant_id = :tenant AND seq = :seq""").param("tenant", tenant.id()).param("seq", seq).update());

		JsonNode verification = verify();
		assertThat(verification.get("intact").asBoolean()).isFalse();
		assertThat(verification.get("broken_at_seq").asLong()).isEqualTo(seq);
		assertThat(verification.get("checked").asLong()).isEqualTo(seq - 1);
		assertThat(verification.get("problem").asString()).isNotBlank();
	}

	@Test
	void detectsADeletedRowInTheMiddle() {
		long seq = rows() - 2;

		withoutTriggers(() -> owner.sql("DELETE FROM audit_event WHERE tenant_id = :tenant AND seq = :seq")
			.param("tenant", tenant.id())
			.param("seq", seq)
			.update());

		JsonNode verification = verify();
		assertThat(verification.get("intact").asBoolean()).isFalse();
		assertThat(verification.get("broken_at_seq").asLong()).isEqualTo(seq);
	}

	@Test
	void detectsADeletedRowEvenWhenTheLaterRowsAreRenumbered() {
		long seq = rows() - 2;

		withoutTriggers(() -> {
			owner.sql("DELETE FROM audit_event WHERE tenant_id = :tenant AND seq = :seq")
				.param("tenant", tenant.id())
				.param("seq", seq)
				.update();
			// in two steps, so the unique (tenant, seq) index holds whatever order the
			// rows are updated in
			owner.sql("UPDATE audit_event SET seq = -seq WHERE tenant_id = :tenant AND seq > :seq")
				.param("tenant", tenant.id())
				.param("seq", seq)
				.update();
			owner.sql("UPDATE audit_event SET seq = -seq - 1 WHERE tenant_id = :tenant AND seq < 0")
				.param("tenant", tenant.id())
				.update();
		});

		JsonNode verification = verify();
		assertThat(verification.get("intact").asBoolean()).isFalse();
		assertThat(verification.get("broken_at_seq").asLong()).isEqualTo(seq);
	}

	private void withoutTriggers(Runnable change) {
		owner.sql("ALTER TABLE audit_event DISABLE TRIGGER USER").update();
		try {
			change.run();
		}
		finally {
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
