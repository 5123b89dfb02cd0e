package io.cohort.gateway;

import io.cohort.gateway.client.RunPublication;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Every operation a TPGateway job carries out, with what Cohort must know of each: the
 * kind of record it sends, the word its idempotency keys carry, whether it creates the
 * record every later job of it refers to, whether it can still succeed once its run is
 * deleted on the gateway, the payload it snapshots, and why it reads a trainee's national
 * id (audited), if it does. Adding an operation means a constant here, a case in
 * {@link TpGatewayExecutor}'s switch, and the listener that writes it.
 */
enum SyncOperation {

	PUBLISH_RUN(Record.RUN, "publish", true, false, RunPublication.class, null),

	UPDATE_RUN(Record.RUN, "update", false, false, RunPublication.class, null),

	DELETE_RUN(Record.RUN, "delete", false, false, SyncPayload.RunDeletion.class, null),

	CREATE_ENROLMENT(Record.ENROLMENT, "create", true, true, SyncPayload.EnrolmentCreation.class,
			"TPGateway enrolment"),

	UPDATE_ENROLMENT(Record.ENROLMENT, "update", false, true, SyncPayload.EnrolmentChange.class, null),

	/**
	 * Kept when the run ends: fees of an ended enrolment may still be collected or
	 * refunded.
	 */
	UPDATE_FEE_COLLECTION(Record.ENROLMENT, "fees", false, false, SyncPayload.FeeCollection.class, null),

	CANCEL_ENROLMENT(Record.ENROLMENT, "cancel", false, true, SyncPayload.EnrolmentCancellation.class, null),

	UPLOAD_ATTENDANCE(Record.ATTENDANCE, "upload", false, true, SyncPayload.AttendanceMark.class,
			"TPGateway attendance"),

	CREATE_ASSESSMENT(Record.ASSESSMENT, "create", true, true, SyncPayload.AssessmentResult.class,
			"TPGateway assessment"),

	UPDATE_ASSESSMENT(Record.ASSESSMENT, "update", false, true, SyncPayload.AssessmentResult.class, null),

	VOID_ASSESSMENT(Record.ASSESSMENT, "void", false, true, SyncPayload.AssessmentVoid.class, null);

	/**
	 * The kinds of record TPGateway jobs send: the entity type jobs carry, and their
	 * keys' prefix.
	 */
	enum Record {

		RUN("class_run", "run"), ENROLMENT("enrolment", "enrolment"), ATTENDANCE("attendance", "attendance"),
		ASSESSMENT("assessment", "assessment");

		final String entityType;

		final String keyPrefix;

		Record(String entityType, String keyPrefix) {
			this.entityType = entityType;
			this.keyPrefix = keyPrefix;
		}

	}

	private final Record record;

	private final String keyWord;

	private final boolean creates;

	private final boolean endedWithRun;

	private final Class<?> payloadType;

	private final @Nullable String nationalIdPurpose;

	SyncOperation(Record record, String keyWord, boolean creates, boolean endedWithRun, Class<?> payloadType,
			@Nullable String nationalIdPurpose) {
		this.record = record;
		this.keyWord = keyWord;
		this.creates = creates;
		this.endedWithRun = endedWithRun;
		this.payloadType = payloadType;
		this.nationalIdPurpose = nationalIdPurpose;
	}

	/**
	 * The operation of this name, if Cohort knows one (a job written by another version
	 * may carry another).
	 */
	static Optional<SyncOperation> find(String name) {
		return Arrays.stream(values()).filter(operation -> operation.name().equals(name)).findFirst();
	}

	/** The kind of record its jobs send ({@code class_run}, {@code enrolment}, …). */
	String entityType() {
		return record.entityType;
	}

	/**
	 * Whether it creates the record every later job of it (and of records within it)
	 * refers to.
	 */
	boolean creates() {
		return creates;
	}

	/** Whether it can no longer succeed once its run is deleted on the gateway. */
	boolean endedWithRun() {
		return endedWithRun;
	}

	/** The record type its payload snapshot is read as. */
	Class<?> payloadType() {
		return payloadType;
	}

	/**
	 * Why it reads its trainee's national id (the audited purpose), or null when it sends
	 * none.
	 */
	@Nullable String nationalIdPurpose() {
		return nationalIdPurpose;
	}

	/**
	 * The idempotency key of the record's job of this operation:
	 * {@code <entity>:<id>:<word>}, and for a record that may have several such jobs,
	 * {@code :<nth>} after it (the record's job count, or the version the job sends). One
	 * key per tenant is one job, however often the change is heard.
	 */
	String key(UUID entityId, @Nullable Object nth) {
		return record.keyPrefix + ":" + entityId + ":" + keyWord + (nth == null ? "" : ":" + nth);
	}

}
