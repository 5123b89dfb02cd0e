package io.cohort.crm;

/**
 * What became of one Zoho record (seed 003's per-record statuses).
 */
public enum RecordStatus {

	/** First sync: created in Cohort. */
	NEW,
	/** Known, and its fingerprint is the same: nothing written. */
	UNCHANGED,
	/** Known, and some fields changed: the result lists them. */
	UPDATED,
	/**
	 * A field is missing, of the wrong type or unknown, or a core rule refused the
	 * record.
	 */
	INVALID,
	/**
	 * Waits for a record it depends on (its student, class or program) to be synced
	 * first.
	 */
	SKIPPED,
	/** An unexpected failure; nothing of the record was written. */
	ERROR

}
