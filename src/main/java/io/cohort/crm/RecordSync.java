package io.cohort.crm;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Applies one kind of Zoho record to the core through the owning module's facade. It runs
 * inside the record's own transaction: a refusal (a
 * {@link io.cohort.system.CohortException} or an {@link InvalidField}) rolls back
 * everything the record wrote.
 */
interface RecordSync {

	ZohoEntity entity();

	/** The record's Zoho id and canonical fields, or an {@link InvalidField}. */
	Map<String, @Nullable String> fields(ZohoRecord record);

	/**
	 * Applies the record; {@code known} tells whether the batch's read found it synced
	 * already (see {@link CrmRecords#claim}).
	 */
	RecordResult apply(UUID tenant, ZohoRecord record, boolean known);

	/**
	 * The result of a known record whose fingerprint has not changed; decided without a
	 * transaction of its own, nothing being written.
	 */
	default RecordResult unchanged(UUID tenant, String zohoId, UUID cohortId) {
		return RecordResult.of(zohoId, RecordStatus.UNCHANGED, entity().label() + " unchanged");
	}

}
