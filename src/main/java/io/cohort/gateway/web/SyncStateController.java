package io.cohort.gateway.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.cohort.gateway.SyncStates;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Each record's own sync state for JSON clients: the run, enrolment, attendance and
 * assessment APIs live in modules the gateway depends on and so cannot carry it (ADR 11);
 * a client asks here for a page of records of one type at once. The roles that read those
 * records (ADMIN, OPS, TRAINER, ASSESSOR), within their own tenant: an id that is no
 * record of the tenant's has no job and answers NOT_SENT, so nothing of another tenant is
 * revealed.
 */
@RestController
class SyncStateController {

	static final int MAX_IDS = 500;

	/** NOT_SENT, or one of {@link SyncStates.State}. */
	static final String NOT_SENT = "NOT_SENT";

	/**
	 * One record's state.
	 *
	 * @param gatewayReference the gateway's reference for the record, once it has one
	 * @param reason FAILED: the gateway's reason; RETRYING: why the last attempt failed
	 * @param jobId the job the state comes from ({@code /api/v1/jobs/{id}}); none when
	 * NOT_SENT
	 */
	record RecordState(UUID id, String state, @Nullable String gatewayReference, @Nullable String reason,
			@Nullable UUID jobId) {
	}

	/**
	 * The states of the records asked for, in the order asked.
	 *
	 * @param gatewayEnabled whether the tenant sends records to TPGateway now; when not,
	 * NOT_SENT records will not be sent either
	 */
	record SyncStatesView(String entityType, boolean gatewayEnabled, List<RecordState> states) {
	}

	private final SyncStates states;

	SyncStateController(SyncStates states) {
		this.states = states;
	}

	@GetMapping("/api/v1/gateway/sync-states")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	SyncStatesView states(@RequestParam(name = "entity_type", required = false) @Nullable String entityType,
			@RequestParam(name = "ids", required = false) @Nullable List<String> ids) {
		List<Map<String, String>> errors = new ArrayList<>();
		Optional<SyncStates.EntityType> type = type(entityType, errors);
		List<UUID> records = ids(ids, errors);
		if (!errors.isEmpty() || type.isEmpty()) {
			throw new CohortException(ProblemCode.VALIDATION_FAILED, "The request is invalid",
					Map.of("errors", errors));
		}
		SyncStates.Lookup lookup = states.of(type.get(), records);
		return new SyncStatesView(type.get().column(), lookup.gateway(), records.stream().map(id -> {
			SyncStates.SyncState state = lookup.of(id);
			return state == null ? new RecordState(id, NOT_SENT, null, null, null)
					: new RecordState(id, state.state().name(), state.reference(), state.reason(), state.jobId());
		}).toList());
	}

	private static Optional<SyncStates.EntityType> type(@Nullable String value, List<Map<String, String>> errors) {
		String allowed = Arrays.stream(SyncStates.EntityType.values())
			.map(SyncStates.EntityType::column)
			.collect(Collectors.joining(", "));
		if (value == null || value.isBlank()) {
			errors.add(Map.of("field", "entity_type", "message", "is required: one of " + allowed));
			return Optional.empty();
		}
		Optional<SyncStates.EntityType> type = Arrays.stream(SyncStates.EntityType.values())
			.filter(t -> t.column().equals(value.trim()))
			.findFirst();
		if (type.isEmpty()) {
			errors.add(Map.of("field", "entity_type", "message", "must be one of " + allowed));
		}
		return type;
	}

	/** The ids, given comma-separated or repeated; duplicates count once. */
	private static List<UUID> ids(@Nullable List<String> values, List<Map<String, String>> errors) {
		Set<UUID> ids = new LinkedHashSet<>();
		for (String value : values == null ? List.<String>of() : values) {
			for (String part : value.split(",")) {
				if (part.isBlank()) {
					continue;
				}
				try {
					ids.add(UUID.fromString(part.trim()));
				}
				catch (IllegalArgumentException ex) {
					errors.add(
							Map.of("field", "ids", "message", "'" + abbreviated(part.trim()) + "' is not a record id"));
					return List.of();
				}
			}
		}
		if (ids.isEmpty()) {
			errors.add(Map.of("field", "ids", "message", "is required: the records' ids, comma-separated"));
		}
		else if (ids.size() > MAX_IDS) {
			errors.add(Map.of("field", "ids", "message", "at most " + MAX_IDS + " records at once"));
		}
		return List.copyOf(ids);
	}

	private static String abbreviated(String text) {
		return text.length() <= 40 ? text : text.substring(0, 40) + "…";
	}

}
