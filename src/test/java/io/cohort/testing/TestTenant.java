package io.cohort.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A tenant a test created for itself, with its first admin logged in.
 *
 * @param id the tenant's id
 * @param slug the tenant's slug, used to log in
 * @param adminEmail the first admin's email
 * @param adminId the first admin's id
 * @param adminToken an access token of the first admin
 */
public record TestTenant(Api api, UUID id, String slug, String adminEmail, UUID adminId, String adminToken) {

	/** A user of this tenant, created by its admin. */
	public record TestUser(UUID id, String email, String token) {
	}

	/** An API key of this tenant, with its secret. */
	public record TestKey(UUID id, String key) {
	}

	/** Creates a user with the given roles and logs them in. */
	public TestUser addUser(String... roles) {
		String email = Api.unique(roles[0].toLowerCase(java.util.Locale.ROOT)) + "@" + slug + ".test";
		JsonNode user = api.post("/api/v1/users")
			.bearer(adminToken)
			.json(Map.of("email", email, "display_name", "User " + email, "password", Api.PASSWORD, "roles",
					List.of(roles)))
			.send()
			.expect(201)
			.json();
		return new TestUser(UUID.fromString(user.get("id").asString()), email, login(email));
	}

	public String login(String email) {
		return api.token(slug, email, Api.PASSWORD);
	}

	public TestKey addApiKey() {
		JsonNode key = api.post("/api/v1/api-keys")
			.bearer(adminToken)
			.json(Map.of("name", Api.unique("key")))
			.send()
			.expect(201)
			.json();
		return new TestKey(UUID.fromString(key.get("id").asString()), key.get("key").asString());
	}

}
