package io.cohort.crm.web;

import java.util.UUID;

import io.cohort.crm.CrmDeliveries;
import io.cohort.crm.DeliveryView;
import io.cohort.crm.RecordStatus;
import io.cohort.shared.PageView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's CRM webhook deliveries and their per-record outcomes (ADMIN, OPS).
 */
@RestController
@RequestMapping("/api/v1/crm/deliveries")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class DeliveryController {

	private final CrmDeliveries deliveries;

	DeliveryController(CrmDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	/**
	 * Newest first; {@code status} keeps the deliveries with at least one record in that
	 * status.
	 */
	@GetMapping
	PageView<DeliveryView> list(@RequestParam(required = false) @Nullable RecordStatus status,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return deliveries.list(status, page, size);
	}

	/**
	 * One delivery with its records' outcomes, only those in {@code status} when given.
	 */
	@GetMapping("/{id}")
	DeliveryView get(@PathVariable UUID id, @RequestParam(required = false) @Nullable RecordStatus status) {
		return deliveries.get(id, status);
	}

}
