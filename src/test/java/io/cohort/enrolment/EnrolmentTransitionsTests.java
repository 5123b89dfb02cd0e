package io.cohort.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.cohort.scheduling.ClassRunManagement.SeatOutcome;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.system.CohortException;
import org.junit.jupiter.api.Test;

/** Where an enrolment may go, without a database. */
class EnrolmentTransitionsTests {

	@Test
	void aSeatConfirmsAFullRunWaitlistsWhenItKeepsAWaitlistAndTheCrmIsNeverRefused() {
		ClassRunView withWaitlist = run(true);
		ClassRunView without = run(false);

		assertThat(EnrolmentTransitions.onEnrol(without, SeatOutcome.TAKEN, EnrolmentManagement.Source.STAFF))
			.isEqualTo(EnrolmentStatus.CONFIRMED);
		assertThat(EnrolmentTransitions.onEnrol(withWaitlist, SeatOutcome.FULL, EnrolmentManagement.Source.SELF))
			.isEqualTo(EnrolmentStatus.WAITLISTED);
		assertThat(EnrolmentTransitions.onEnrol(without, SeatOutcome.FULL, EnrolmentManagement.Source.CRM))
			.isEqualTo(EnrolmentStatus.WAITLISTED);
		assertThat(
				code(() -> EnrolmentTransitions.onEnrol(without, SeatOutcome.FULL, EnrolmentManagement.Source.STAFF)))
			.isEqualTo("class-run-full");
		assertThat(code(
				() -> EnrolmentTransitions.onEnrol(withWaitlist, SeatOutcome.NOT_OPEN, EnrolmentManagement.Source.CRM)))
			.isEqualTo("class-run-not-open");
	}

	@Test
	void onlyALiveEnrolmentIsWithdrawnAndOnlyAConfirmedOneFreesASeat() {
		assertThat(EnrolmentTransitions.withdrawalFreesSeat(EnrolmentStatus.CONFIRMED)).isTrue();
		assertThat(EnrolmentTransitions.withdrawalFreesSeat(EnrolmentStatus.WAITLISTED)).isFalse();
		for (EnrolmentStatus ended : new EnrolmentStatus[] { EnrolmentStatus.WITHDRAWN, EnrolmentStatus.COMPLETED,
				EnrolmentStatus.CANCELLED }) {
			assertThat(code(() -> EnrolmentTransitions.withdrawalFreesSeat(ended))).isEqualTo("enrolment-not-active");
		}
	}

	private static String code(Runnable transition) {
		try {
			transition.run();
		}
		catch (CohortException ex) {
			return ex.code().code();
		}
		throw new AssertionError("the transition was allowed");
	}

	private static ClassRunView run(boolean waitlist) {
		LocalDate start = LocalDate.of(2027, 3, 1);
		Instant created = Instant.parse("2027-01-01T00:00:00Z");
		return new ClassRunView(UUID.randomUUID(), UUID.randomUUID(), "WSH", "Workplace Safety", "R-1", start,
				start.plusDays(1), start.minusDays(30), start.minusDays(1), 20, 20, 0, "1", "Room 1", false, waitlist,
				RunStatus.PUBLISHED, null, null, null, created, created);
	}

}
