package io.cohort.enrolment;

import java.util.Map;

import io.cohort.scheduling.ClassRunManagement.SeatOutcome;
import io.cohort.scheduling.ClassRunView;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.springframework.http.HttpStatus;

/**
 * Where an enrolment may go, without I/O: the status a new enrolment gets from the seat
 * it asked for, and whether a withdrawal frees a seat for the head of the waitlist. The
 * facade takes the seats and writes the rows.
 */
final class EnrolmentTransitions {

	private EnrolmentTransitions() {
	}

	/**
	 * A new enrolment's status in {@code run}: CONFIRMED on a seat taken; on a full run
	 * WAITLISTED when the run keeps a waitlist, or always for the CRM (its enrolments
	 * were made already and cannot be refused); refused otherwise, and on a run not open.
	 */
	static EnrolmentStatus onEnrol(ClassRunView run, SeatOutcome seat, EnrolmentManagement.Source source) {
		return switch (seat) {
			case TAKEN -> EnrolmentStatus.CONFIRMED;
			case FULL -> {
				if (!run.waitlistEnabled() && source != EnrolmentManagement.Source.CRM) {
					throw new CohortException(ProblemCode.CLASS_RUN_FULL, "Run " + run.reference() + " is full",
							Map.of("capacity", run.capacity()));
				}
				yield EnrolmentStatus.WAITLISTED;
			}
			case NOT_OPEN -> throw notOpen(run);
		};
	}

	/**
	 * Whether withdrawing an enrolment in {@code status} frees a seat, which the oldest
	 * waitlisted enrolment of the run takes (or the run gets back); only a live enrolment
	 * can be withdrawn.
	 */
	static boolean withdrawalFreesSeat(EnrolmentStatus status) {
		if (!status.live()) {
			throw new CohortException(ProblemCode.ENROLMENT_NOT_ACTIVE,
					"A " + status + " enrolment cannot be withdrawn");
		}
		return status == EnrolmentStatus.CONFIRMED;
	}

	/** The refusal of an enrolment in a run that takes none. */
	static CohortException notOpen(ClassRunView run) {
		return new CohortException(ProblemCode.CLASS_RUN_NOT_OPEN,
				"Run " + run.reference() + " is " + run.status() + " and takes no enrolments");
	}

}
