package io.cohort.crm;

import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.shared.AuditFact;
import io.cohort.shared.Changes;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The caller's tenant's webhook deliveries with their per-record outcomes, and its CRM
 * settings.
 */
@Service
public class CrmDeliveries {

	private final DeliveryRepository deliveries;

	private final CrmRecords records;

	private final CrmSettings settings;

	private final ApplicationEventPublisher events;

	CrmDeliveries(DeliveryRepository deliveries, CrmRecords records, CrmSettings settings,
			ApplicationEventPublisher events) {
		this.deliveries = deliveries;
		this.records = records;
		this.settings = settings;
		this.events = events;
	}

	/**
	 * Recent deliveries, newest first; with a status, those with at least one record in
	 * it.
	 */
	@Transactional(readOnly = true)
	public PageView<DeliveryView> list(@Nullable RecordStatus status, int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		return new PageView<>(deliveries.page(tenant, status, page, size), page, size,
				deliveries.count(tenant, status));
	}

	/**
	 * One delivery with its records' outcomes, only those in {@code status} when given.
	 */
	@Transactional(readOnly = true)
	public DeliveryView get(UUID id, @Nullable RecordStatus status) {
		return deliveries.find(CurrentActor.tenantId(), id, status)
			.orElseThrow(() -> CohortException.notFound("delivery", id));
	}

	/** The capacity a class run gets when its Zoho class names none. */
	@Transactional(readOnly = true)
	public int defaultCapacity() {
		return records.defaultCapacity(CurrentActor.tenantId()).orElse(settings.defaultCapacity());
	}

	@Transactional
	public int defaultCapacity(int capacity) {
		if (capacity < 1 || capacity > 100_000) {
			throw CohortException.invalidField("default_capacity", "must be between 1 and 100000");
		}
		UUID tenant = CurrentActor.tenantId();
		int before = defaultCapacity();
		records.defaultCapacity(tenant, capacity);
		if (before != capacity) {
			events.publishEvent(AuditFact.of(tenant, "crm.settings.updated", "crm_settings", tenant,
					Changes.of().field("default_capacity", before, capacity).toMap()));
		}
		return capacity;
	}

}
