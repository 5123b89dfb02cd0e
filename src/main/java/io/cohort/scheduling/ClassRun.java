package io.cohort.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

import io.cohort.shared.Changes;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;

/**
 * A class run's own rules, without I/O: what a change makes of it (status transitions,
 * dates, capacity against the confirmed seats, the SSG fields TPGateway needs) and which
 * fields a change touched. The facade loads the run, calls these and saves the result.
 */
final class ClassRun {

	private static final Set<String> MODES = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9");

	private final ClassRunRepository.RunRow run;

	ClassRun(ClassRunRepository.RunRow run) {
		this.run = run;
	}

	/**
	 * The run as {@code change} leaves it at {@code now}, given the dates of its sessions
	 * not cancelled; throws the rule it breaks: a closed run, a transition its status
	 * does not allow, DRAFT with seats taken, inconsistent dates, sessions outside the
	 * new dates, or a capacity below the confirmed seats.
	 */
	ClassRunRepository.RunRow apply(ClassRunManagement.RunChange change, Collection<LocalDate> sessionDates,
			Instant now) {
		if (run.status() == RunStatus.CANCELLED || run.status() == RunStatus.COMPLETED) {
			throw new CohortException(ProblemCode.RUN_CLOSED, "A " + run.status() + " run cannot be changed");
		}
		RunStatus status = change.status() == null ? run.status() : change.status();
		if (!run.status().canBecome(status)) {
			throw new CohortException(ProblemCode.INVALID_RUN_TRANSITION, "A " + run.status() + " run cannot become "
					+ status + (status == RunStatus.CANCELLED ? " here; use the cancel action" : ""));
		}
		if (status == RunStatus.DRAFT && run.seatsTaken() > 0) {
			throw new CohortException(ProblemCode.RUN_HAS_ENROLMENTS, "A run with enrolments cannot go back to DRAFT");
		}
		ClassRunRepository.RunRow after = new ClassRunRepository.RunRow(run.id(), run.courseId(),
				or(change.reference(), run.reference()).trim(), or(change.startDate(), run.startDate()),
				or(change.endDate(), run.endDate()), or(change.registrationOpens(), run.registrationOpens()),
				or(change.registrationCloses(), run.registrationCloses()), or(change.capacity(), run.capacity()),
				run.seatsTaken(),
				change.modeOfTraining() == null ? run.modeOfTraining() : mode(change.modeOfTraining()),
				or(change.venue(), run.venue()).trim(), or(change.inHouse(), run.inHouse()),
				or(change.waitlistEnabled(), run.waitlistEnabled()), status, run.ssgRunId(),
				change.venuePostalCode() == null ? run.venuePostalCode() : postalCode(change.venuePostalCode()),
				change.courseAdminEmail() == null ? run.courseAdminEmail() : blankToNull(change.courseAdminEmail()),
				run.createdAt(), now);
		checkDates(after);
		if (sessionDates.stream().anyMatch(date -> date.isBefore(after.startDate()) || date.isAfter(after.endDate()))) {
			throw new CohortException(ProblemCode.SESSION_OUTSIDE_RUN,
					"The run's sessions would fall outside its new dates");
		}
		if (after.capacity() < run.seatsTaken()) {
			throw capacityBelowSeats(run.seatsTaken());
		}
		return after;
	}

	/**
	 * The conflict of a capacity below the confirmed seats (the save checks it again,
	 * against seats taken meanwhile).
	 */
	static CohortException capacityBelowSeats(int seatsTaken) {
		return new CohortException(ProblemCode.CAPACITY_BELOW_ENROLMENTS,
				"The run already holds " + seatsTaken + " confirmed enrolments; capacity cannot go below that");
	}

	/** The fields that differ between this run and {@code after}, as audited. */
	Changes changesTo(ClassRunRepository.RunRow after) {
		return Changes.of()
			.field("reference", run.reference(), after.reference())
			.field("start_date", run.startDate().toString(), after.startDate().toString())
			.field("end_date", run.endDate().toString(), after.endDate().toString())
			.field("registration_opens", run.registrationOpens().toString(), after.registrationOpens().toString())
			.field("registration_closes", run.registrationCloses().toString(), after.registrationCloses().toString())
			.field("capacity", run.capacity(), after.capacity())
			.field("mode_of_training", run.modeOfTraining(), after.modeOfTraining())
			.field("venue", run.venue(), after.venue())
			.field("in_house", run.inHouse(), after.inHouse())
			.field("waitlist_enabled", run.waitlistEnabled(), after.waitlistEnabled())
			.field("venue_postal_code", run.venuePostalCode(), after.venuePostalCode())
			.field("course_admin_email", run.courseAdminEmail(), after.courseAdminEmail())
			.field("status", run.status().name(), after.status().name());
	}

	/** Throws the first inconsistency of the run's dates and capacity. */
	static void checkDates(ClassRunRepository.RunRow run) {
		if (run.endDate().isBefore(run.startDate())) {
			throw CohortException.invalidField("end_date", "must not be before start_date");
		}
		if (run.registrationCloses().isBefore(run.registrationOpens())) {
			throw CohortException.invalidField("registration_closes", "must not be before registration_opens");
		}
		if (run.registrationCloses().isAfter(run.endDate())) {
			throw CohortException.invalidField("registration_closes", "must not be after the run's end_date");
		}
		if (run.capacity() < 1) {
			throw CohortException.invalidField("capacity", "must be at least 1");
		}
	}

	/** An SSG mode of training code, checked. */
	static String mode(String mode) {
		if (!MODES.contains(mode)) {
			throw CohortException.invalidField("mode_of_training", "must be an SSG mode of training code, 1 to 9");
		}
		return mode;
	}

	/** A six-digit Singapore postal code, checked, or null when blank. */
	static @Nullable String postalCode(@Nullable String value) {
		String code = blankToNull(value);
		if (code != null && !code.matches("\\d{6}")) {
			throw CohortException.invalidField("venue_postal_code", "must be a six-digit Singapore postal code");
		}
		return code;
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	static <T> T or(@Nullable T value, T fallback) {
		return value == null ? fallback : value;
	}

}
