package io.cohort.crm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.TenantView;
import io.cohort.shared.AuditFact;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives one webhook delivery: checks that the API key belongs to the tenant named by
 * {@code X-Tenant-ID}, parses the body, claims its idempotency key, applies each record
 * in a transaction of its own, and stores the response (byte for byte, for replays) with
 * the delivery's per-record outcomes. Refusals change nothing and are audited.
 */
@Service
public class WebhookIntake {

	private static final Logger log = LoggerFactory.getLogger(WebhookIntake.class);

	/**
	 * The response is written with Zoho's and seed 003's own key names, whatever the
	 * global JSON naming.
	 */
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<ZohoEntity, RecordSync> syncs = new EnumMap<>(ZohoEntity.class);

	private final TenantManagement tenants;

	private final IdempotencyKeys keys;

	private final DeliveryRepository deliveries;

	private final CrmRecords records;

	private final CrmSettings settings;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	WebhookIntake(List<RecordSync> syncs, TenantManagement tenants, IdempotencyKeys keys, DeliveryRepository deliveries,
			CrmRecords records, CrmSettings settings, ApplicationEventPublisher events,
			PlatformTransactionManager transactions) {
		syncs.forEach(sync -> this.syncs.put(sync.entity(), sync));
		this.tenants = tenants;
		this.keys = keys;
		this.deliveries = deliveries;
		this.records = records;
		this.settings = settings;
		this.events = events;
		this.tx = new TransactionTemplate(transactions);
	}

	/**
	 * The answer to a delivery: the response body's exact bytes, and whether they were
	 * replayed from an earlier request with the same key.
	 */
	public record Reply(byte[] body, boolean replayed) {
	}

	public Reply receive(ZohoEntity entity, @Nullable String tenantSlug, @Nullable String idempotencyKey,
			byte @Nullable [] body) {
		Instant received = Instant.now();
		UUID tenant = authorise(entity, tenantSlug);
		if (body == null || body.length == 0) {
			throw new CohortException(ProblemCode.MALFORMED_REQUEST, "The request body is empty");
		}
		ZohoPayload payload = ZohoPayload.parse(body);
		if (payload.records().size() > settings.maxRecords()) {
			throw new CohortException(
					ProblemCode.TOO_MANY_RECORDS, "A request carries at most " + settings.maxRecords()
							+ " records; this one has " + payload.records().size(),
					Map.of("max_records", settings.maxRecords()));
		}
		String key = key(idempotencyKey, payload);
		String requestHash = Fingerprint.sha256(payload.canonical());
		IdempotencyKeys.Claim claim = keys.claim(tenant, entity.path(), key, requestHash, settings.idempotencyTtl());
		if (claim instanceof IdempotencyKeys.Claim.Replay replay) {
			return new Reply(replay.response(), true);
		}
		if (claim instanceof IdempotencyKeys.Claim.InProgress) {
			throw new CohortException(ProblemCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
					"A request with this idempotency key is still being processed; retry later",
					Map.of("retry_after", 1));
		}
		if (claim instanceof IdempotencyKeys.Claim.Mismatch) {
			throw new CohortException(ProblemCode.IDEMPOTENCY_KEY_REUSED,
					"This idempotency key was used for a different request");
		}
		try {
			List<ZohoRecord> parsed = new ArrayList<>(payload.records().size());
			List<@Nullable InvalidField> refusals = new ArrayList<>(payload.records().size());
			for (JsonNode node : payload.records()) {
				try {
					parsed.add(ZohoRecord.of(node));
					refusals.add(null);
				}
				catch (InvalidField ex) {
					parsed.add(null);
					refusals.add(ex);
				}
			}
			// what is known of the batch's records is read in one query: unchanged ones
			// need no transaction
			Map<String, CrmRecords.Mapped> known = records.findAll(tenant, entity.singular(),
					parsed.stream()
						.filter(java.util.Objects::nonNull)
						.map(ZohoRecord::idOrNull)
						.filter(java.util.Objects::nonNull)
						.distinct()
						.toList());
			List<RecordResult> results = new ArrayList<>(payload.records().size());
			for (int i = 0; i < parsed.size(); i++) {
				InvalidField refusal = refusals.get(i);
				results.add(refusal != null
						? RecordResult.invalid(null, "invalid_field", refusal.getMessage(), refusal.field())
						: applyOne(tenant, entity, parsed.get(i), known));
			}
			byte[] response = response(key, entity, results);
			UUID delivery = UUID.randomUUID();
			tx.executeWithoutResult(status -> {
				deliveries.insert(tenant, delivery, entity, key, received, results);
				events.publishEvent(AuditFact.of(tenant, "crm.delivery.processed", "crm_delivery", delivery,
						Map.of("entity", entity.path(), "idempotency_key", key, "records", results.size(), "counts",
								counts(results))));
				if (retryable(idempotencyKey, results)) {
					keys.release(tenant, entity.path(), key);
				}
				else {
					keys.complete(tenant, entity.path(), key, response, settings.idempotencyTtl());
				}
			});
			return new Reply(response, false);
		}
		catch (RuntimeException ex) {
			keys.release(tenant, entity.path(), key);
			throw ex;
		}
	}

	/** The tenant the request names, once its API key is shown to belong to it. */
	private UUID authorise(ZohoEntity entity, @Nullable String tenantSlug) {
		String slug = tenantSlug == null || tenantSlug.isBlank() ? settings.defaultTenant() : tenantSlug.trim();
		Optional<TenantView> named = slug.length() > 40 ? Optional.empty() : tenants.findBySlug(slug);
		Optional<CohortPrincipal> caller = CurrentActor.principal();
		if (caller.isEmpty() || caller.get().kind() != CohortPrincipal.Kind.API_KEY) {
			named.ifPresent(
					tenant -> refused(tenant.id(), entity, slug, caller.isEmpty() ? "no_api_key" : "not_an_api_key"));
			if (caller.isEmpty()) {
				throw new CohortException(ProblemCode.API_KEY_REQUIRED,
						"Present the tenant's integration API key in X-API-Key");
			}
			throw new CohortException(ProblemCode.USER_TOKEN_NOT_ACCEPTED,
					"The CRM webhooks take an integration API key (X-API-Key), not a user's token");
		}
		UUID keyTenant = caller.get().tenantId();
		if (named.isEmpty() || !named.get().id().equals(keyTenant)) {
			if (keyTenant != null) {
				refused(keyTenant, entity, slug, "tenant_mismatch");
			}
			named.ifPresent(tenant -> refused(tenant.id(), entity, slug, "tenant_mismatch"));
			throw new CohortException(ProblemCode.TENANT_MISMATCH,
					"The API key does not belong to the tenant named by X-Tenant-ID");
		}
		return named.get().id();
	}

	private void refused(UUID tenant, ZohoEntity entity, String slug, String reason) {
		events.publishEvent(AuditFact.of(tenant, "crm.delivery.refused", "crm_delivery", null,
				Map.of("entity", entity.path(), "tenant_slug", slug, "reason", reason)));
	}

	private RecordResult applyOne(UUID tenant, ZohoEntity entity, ZohoRecord record,
			Map<String, CrmRecords.Mapped> known) {
		String zohoId = record.idOrNull();
		RecordSync sync = syncs.get(entity);
		try {
			CrmRecords.Mapped mapped = zohoId == null ? null : known.get(zohoId);
			if (mapped != null && mapped.fingerprint().equals(Fingerprint.of(sync.fields(record)))) {
				return sync.unchanged(tenant, zohoId, mapped.cohortId());
			}
			try {
				return tx.execute(status -> sync.apply(tenant, record, mapped != null));
			}
			catch (CrmRecords.AlreadySynced ex) {
				return tx.execute(status -> sync.apply(tenant, record, true));
			}
		}
		catch (InvalidField ex) {
			return RecordResult.invalid(zohoId, "invalid_field", ex.getMessage(), ex.field());
		}
		catch (CohortException ex) {
			if (!ex.status().is4xxClientError()) {
				log.error("A CRM {} record failed", entity.singular(), ex);
				return error(zohoId);
			}
			return RecordResult.invalid(zohoId, ex.code().code().replace('-', '_'), detail(ex), field(ex));
		}
		catch (RuntimeException ex) {
			log.error("A CRM {} record failed", entity.singular(), ex);
			return error(zohoId);
		}
	}

	private static RecordResult error(@Nullable String zohoId) {
		return new RecordResult(zohoId, RecordStatus.ERROR, "internal_error",
				"Processing failed on our side; nothing of this record was written (quote the correlation id)", null,
				Map.of(), Map.of());
	}

	private static String detail(CohortException ex) {
		if (ex.properties().get("errors") instanceof List<?> errors && !errors.isEmpty()
				&& errors.get(0) instanceof Map<?, ?> first) {
			return first.get("field") + " " + first.get("message");
		}
		return ex.getMessage();
	}

	private static @Nullable String field(CohortException ex) {
		if (ex.properties().get("errors") instanceof List<?> errors && !errors.isEmpty()
				&& errors.get(0) instanceof Map<?, ?> first && first.get("field") != null) {
			return String.valueOf(first.get("field"));
		}
		return null;
	}

	private static String key(@Nullable String header, ZohoPayload payload) {
		if (header == null || header.isBlank()) {
			return Fingerprint.sha256(payload.canonical());
		}
		String key = header.trim();
		if (key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
			throw CohortException.invalidField("X-Idempotency-Key", "must be 1 to 255 visible ASCII characters");
		}
		return key;
	}

	/**
	 * Whether the same body may be processed again: a key derived from the body stands
	 * for its content, and a SKIPPED record asks to be sent again once its dependency is
	 * synced, so such a response is not kept. A key the client chose
	 * ({@code X-Idempotency-Key}) always keeps its response.
	 */
	private static boolean retryable(@Nullable String header, List<RecordResult> results) {
		return (header == null || header.isBlank())
				&& results.stream().anyMatch(result -> result.status() == RecordStatus.SKIPPED);
	}

	private static Map<String, Integer> counts(List<RecordResult> results) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		results.forEach(result -> counts.merge(result.status().name(), 1, Integer::sum));
		return counts;
	}

	private static byte[] response(String key, ZohoEntity entity, List<RecordResult> results) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "success");
		body.put("idempotency_key", key);
		body.put("results", results.stream().map(result -> result.toJson(entity)).toList());
		return JSON.writeValueAsBytes(body);
	}

}
