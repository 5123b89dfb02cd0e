package io.cohort.audit.web;

import java.time.OffsetDateTime;

import io.cohort.audit.AuditEntry;
import io.cohort.audit.AuditLog;
import io.cohort.shared.PageView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's audit trail (ADMIN, OPS): filtered by entity, actor, action and time,
 * newest first.
 */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class AuditController {

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping
	PageView<AuditEntry> search(
			@RequestParam(name = "entity_type", required = false) @Nullable @Size(max = 100) String entityType,
			@RequestParam(name = "entity_id", required = false) @Nullable @Size(max = 100) String entityId,
			@RequestParam(required = false) @Nullable @Size(max = 254) String actor,
			@RequestParam(required = false) @Nullable @Size(max = 100) String action,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable OffsetDateTime to,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return audit.search(new AuditLog.Filter(entityType, entityId, actor, action,
				from == null ? null : from.toInstant(), to == null ? null : to.toInstant()), page, size);
	}

	@GetMapping("/verify")
	AuditLog.Verification verify() {
		return audit.verify();
	}

}
