package io.cohort.crm;

import java.util.UUID;

/**
 * Applies one kind of Zoho record to the core through the owning module's facade. It runs inside the
 * record's own transaction: a refusal (a {@link io.cohort.system.CohortException} or an
 * {@link InvalidField}) rolls back everything the record wrote.
 */
interface RecordSync {

	ZohoEntity entity();

	RecordResult apply(UUID tenant, ZohoRecord record);

}
