package io.cohort.spreadsheets;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.FeeCollectionStatus;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.shared.IdType;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Enrolment rows into the job's run: the learner is found by national id (its keyed hash)
 * or by email, and enrolled through {@link EnrolmentManagement#enrol} as an import; a
 * full run without a waitlist makes the row invalid ({@code class-run-full}).
 */
@Component
class EnrolmentRows implements RowHandler {

	static final List<String> COLUMNS = List.of("national_id", "learner_email", "sponsorship_type", "employer_uen",
			"fee_amount", "fee_collection_status");

	private final EnrolmentManagement enrolments;

	private final LearnerManagement learners;

	EnrolmentRows(EnrolmentManagement enrolments, LearnerManagement learners) {
		this.enrolments = enrolments;
		this.learners = learners;
	}

	@Override
	public ImportKind kind() {
		return ImportKind.ENROLMENTS;
	}

	@Override
	public List<String> columns() {
		return COLUMNS;
	}

	@Override
	public Set<String> required() {
		return Set.of();
	}

	@Override
	public Result handle(ImportJobView job, Map<String, String> values) {
		FieldErrors errors = new FieldErrors();
		SponsorshipType sponsorship = sponsorship(LearnerRows.value(values, "sponsorship_type"), errors);
		BigDecimal fee = fee(LearnerRows.value(values, "fee_amount"), errors);
		FeeCollectionStatus collection = collection(LearnerRows.value(values, "fee_collection_status"), errors);
		String uen = LearnerRows.value(values, "employer_uen");
		if (uen.length() > 20) {
			errors.add("employer_uen", "must be at most 20 characters");
		}
		UUID learner = learner(LearnerRows.value(values, "national_id"), LearnerRows.value(values, "learner_email"),
				errors);
		errors.throwIfAny();
		EnrolmentView enrolment = enrolments.enrol(new EnrolmentManagement.NewEnrolment(Objects.requireNonNull(learner),
				Objects.requireNonNull(job.runId()), sponsorship, uen.isEmpty() ? null : uen, fee, null, collection),
				EnrolmentManagement.Source.IMPORT);
		String status = enrolment.status() == EnrolmentStatus.CONFIRMED ? "confirmed"
				: "waitlisted at position " + enrolment.waitlistPosition();
		return new Result(RowOutcome.CREATED,
				"Enrolled " + enrolment.learnerName() + " (" + enrolment.learnerNationalId() + "), " + status,
				enrolment.id());
	}

	@Override
	public Result failed(CohortException failure) {
		RowOutcome outcome = failure.code() == ProblemCode.ALREADY_ENROLLED ? RowOutcome.DUPLICATE : RowOutcome.INVALID;
		return new Result(outcome, RowHandler.describe(failure), null);
	}

	private @Nullable UUID learner(String nationalId, String email, FieldErrors errors) {
		if (!nationalId.isEmpty()) {
			try {
				return learners.findByNationalId(idTypeOf(nationalId), nationalId).orElseGet(() -> {
					errors.add("national_id", "no learner has this national id; import the learner first");
					return null;
				});
			}
			catch (CohortException ex) {
				errors.add("national_id", invalidIdMessage(ex));
				return null;
			}
		}
		if (email.isEmpty()) {
			errors.add("national_id", "or learner_email is required");
			return null;
		}
		List<LearnerView> matches = learners.list(email, 0, 50)
			.items()
			.stream()
			.filter(l -> l.email().equalsIgnoreCase(email))
			.toList();
		if (matches.size() != 1) {
			errors.add("learner_email", matches.isEmpty() ? "no learner has this email; import the learner first"
					: matches.size() + " learners have this email; give the national_id instead");
			return null;
		}
		return matches.get(0).id();
	}

	/**
	 * The id type a number's shape tells: the keyed hash is of the number alone, so SP
	 * and SB look up alike.
	 */
	private static IdType idTypeOf(String nationalId) {
		String value = nationalId.trim().toUpperCase(Locale.ROOT);
		if (value.matches("[ST]\\d{7}[A-Z]")) {
			return IdType.SP;
		}
		return value.matches("[FGM]\\d{7}[A-Z]") ? IdType.SO : IdType.OT;
	}

	private static String invalidIdMessage(CohortException ex) {
		String described = RowHandler.describe(ex);
		return described.startsWith("national_id: ") ? described.substring("national_id: ".length()) : described;
	}

	private static SponsorshipType sponsorship(String value, FieldErrors errors) {
		if (value.isEmpty()) {
			return SponsorshipType.INDIVIDUAL;
		}
		try {
			return SponsorshipType.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			errors.add("sponsorship_type", "must be INDIVIDUAL or EMPLOYER");
			return SponsorshipType.INDIVIDUAL;
		}
	}

	private static @Nullable BigDecimal fee(String value, FieldErrors errors) {
		if (value.isEmpty()) {
			return null;
		}
		if (value.matches("\\d{1,10}(\\.\\d{1,2})?")) {
			return new BigDecimal(value);
		}
		errors.add("fee_amount", "must be an amount such as 1200.00");
		return null;
	}

	private static @Nullable FeeCollectionStatus collection(String value, FieldErrors errors) {
		if (value.isEmpty()) {
			return null;
		}
		for (FeeCollectionStatus status : FeeCollectionStatus.values()) {
			if (status.name().equalsIgnoreCase(value) || status.gatewayName().equalsIgnoreCase(value)) {
				return status;
			}
		}
		errors.add("fee_collection_status", "must be PENDING, PARTIAL, FULL or CANCELLED");
		return null;
	}

}
