package io.cohort.ui;

import java.util.Map;
import java.util.UUID;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The waiting events page (GH-12): an ADMIN sees the tenant's events a listener has not
 * finished with, and no other tenant's, and resubmits what waits; other roles are
 * refused.
 */
class EventPagesTests extends ApiIntegrationTest {

	@LocalServerPort
	int port;

	@Test
	void anAdminSeesTheTenantsWaitingEventsOnlyAndResubmitsThem() {
		TestTenant tenant = api.newTenant();
		TestTenant another = api.newTenant();
		UUID mine = UUID.randomUUID();
		UUID theirs = UUID.randomUUID();
		try {
			waiting(mine, tenant.id());
			waiting(theirs, another.id());
			WebClient admin = signedIn(tenant, tenant.adminEmail());

			String page = admin.get("/settings/events").body();
			assertThat(page).contains("data-publication=\"" + mine + "\"")
				.contains("test.listener.for.the.page")
				.doesNotContain(theirs.toString());

			// a resubmission reads the events back, which these stand-ins cannot be
			delete(mine, theirs);
			assertThat(admin.post("/settings/events/resubmit", Map.of()).statusCode()).isEqualTo(302);
			assertThat(admin.get("/settings/events").body()).contains("resubmitted.").doesNotContain(mine.toString());
			assertThat(
					jdbc.sql("SELECT count(*) FROM audit_event WHERE tenant_id = :t AND action = 'events.resubmitted'")
						.param("t", tenant.id())
						.query(Long.class)
						.single())
				.isOne();
		}
		finally {
			delete(mine, theirs);
		}
	}

	private void delete(UUID... ids) {
		for (UUID id : ids) {
			jdbc.sql("DELETE FROM event_publication WHERE id = :id").param("id", id).update();
		}
	}

	@Test
	void onlyAnAdminSeesTheWaitingEvents() {
		TestTenant tenant = api.newTenant();
		for (String role : new String[] { "OPS", "TRAINER", "LEARNER" }) {
			WebClient other = signedIn(tenant, tenant.addUser(role).email());
			assertThat(other.get("/settings/events").statusCode()).as(role).isEqualTo(403);
			assertThat(other.post("/settings/events/resubmit", Map.of()).statusCode()).as(role).isEqualTo(403);
		}
	}

	/**
	 * An event of a type no listener knows, published an hour ago and never completed:
	 * waiting for good.
	 */
	private void waiting(UUID id, UUID tenant) {
		jdbc.sql(
				"""
						INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date)
						VALUES (:id, 'test.listener.for.the.page', 'io.cohort.NoSuchEvent', :event, now() - interval '1 hour')""")
			.param("id", id)
			.param("event", "{\"tenantId\":\"" + tenant + "\"}")
			.update();
	}

	private WebClient signedIn(TestTenant in, String email) {
		WebClient client = new WebClient(port);
		assertThat(client.login(in.slug(), email, Api.PASSWORD).statusCode()).isEqualTo(302);
		return client;
	}

}
