package io.cohort.crm.web;

import io.cohort.crm.WebhookIntake;
import io.cohort.crm.ZohoEntity;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 003's webhooks, {@code POST /v1/sync/{students|programs|classes|enrollments}}: the
 * body is taken as raw bytes (Zoho's field names are kept, whatever the global JSON
 * naming) and the response written byte for byte as stored, so a replay is identical. Who
 * may call is checked by {@link WebhookIntake}: the tenant's integration API key, audited
 * when refused.
 */
@RestController
class SyncController {

	private final WebhookIntake intake;

	SyncController(WebhookIntake intake) {
		this.intake = intake;
	}

	@PostMapping("/v1/sync/{entity}")
	ResponseEntity<byte[]> sync(@PathVariable String entity,
			@RequestHeader(name = "X-Tenant-ID", required = false) @Nullable String tenant,
			@RequestHeader(name = "X-Idempotency-Key", required = false) @Nullable String idempotencyKey,
			@RequestBody(required = false) byte @Nullable [] body) {
		ZohoEntity kind = ZohoEntity.ofPath(entity)
			.orElseThrow(() -> new CohortException(ProblemCode.NOT_FOUND, "Nothing is here"));
		WebhookIntake.Reply reply = intake.receive(kind, tenant, idempotencyKey, body);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotent-Replayed", String.valueOf(reply.replayed()))
			.body(reply.body());
	}

}
