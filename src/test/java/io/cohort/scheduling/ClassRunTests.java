package io.cohort.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.junit.jupiter.api.Test;

/** The rules of a class run's change, without a database. */
class ClassRunTests {

	private static final LocalDate START = LocalDate.of(2027, 3, 1);

	private static final Instant NOW = Instant.parse("2027-01-10T02:00:00Z");

	@Test
	void aChangeKeepsWhatItLeavesOutAndTrimsWhatItSets() {
		ClassRunRepository.RunRow after = new ClassRun(run(RunStatus.PUBLISHED, 20, 3))
			.apply(new ClassRunManagement.RunChange("  R-2 ", null, null, null, null, 25, null, " Room 4 ", null, null,
					null, " ", "  admin@provider.test "), List.of(START), NOW);

		assertThat(after.reference()).isEqualTo("R-2");
		assertThat(after.venue()).isEqualTo("Room 4");
		assertThat(after.capacity()).isEqualTo(25);
		assertThat(after.startDate()).isEqualTo(START);
		assertThat(after.status()).isEqualTo(RunStatus.PUBLISHED);
		assertThat(after.venuePostalCode()).as("a blank postal code clears it").isNull();
		assertThat(after.courseAdminEmail()).isEqualTo("admin@provider.test");
		assertThat(after.updatedAt()).isEqualTo(NOW);
	}

	@Test
	void closedRunsAndDisallowedTransitionsAreRefused() {
		assertThat(code(run(RunStatus.CANCELLED, 20, 0), change(null, null, null))).isEqualTo("run-closed");
		assertThat(code(run(RunStatus.COMPLETED, 20, 0), change(null, null, null))).isEqualTo("run-closed");
		assertThat(code(run(RunStatus.PUBLISHED, 20, 0), change(null, null, RunStatus.CANCELLED)))
			.isEqualTo("invalid-run-transition");
		assertThat(code(run(RunStatus.PUBLISHED, 20, 2), change(null, null, RunStatus.DRAFT)))
			.isEqualTo("run-has-enrolments");
		assertThat(
				new ClassRun(run(RunStatus.PUBLISHED, 20, 0)).apply(change(null, null, RunStatus.DRAFT), List.of(), NOW)
					.status())
			.isEqualTo(RunStatus.DRAFT);
	}

	@Test
	void datesSessionsAndCapacityMustFit() {
		assertThat(code(run(RunStatus.PUBLISHED, 20, 0), change(null, START.minusDays(1), null)))
			.as("the end before the start")
			.isEqualTo("validation-failed");
		assertThatThrownBy(() -> new ClassRun(run(RunStatus.PUBLISHED, 20, 0))
			.apply(change(START.plusDays(1), START.plusDays(2), null), List.of(START), NOW)).isInstanceOfSatisfying(
					CohortException.class, ex -> assertThat(ex.code()).isEqualTo(ProblemCode.SESSION_OUTSIDE_RUN));
		assertThat(code(run(RunStatus.PUBLISHED, 20, 5),
				new ClassRunManagement.RunChange(null, null, null, null, null, 4, null, null, null, null, null)))
			.isEqualTo("capacity-below-enrolments");
		assertThat(code(run(RunStatus.PUBLISHED, 20, 0),
				new ClassRunManagement.RunChange(null, null, null, null, null, null, "X", null, null, null, null)))
			.isEqualTo("validation-failed");
	}

	@Test
	void theChangesNameOnlyTheFieldsThatDiffer() {
		ClassRunRepository.RunRow before = run(RunStatus.PUBLISHED, 20, 0);
		ClassRun run = new ClassRun(before);
		ClassRunRepository.RunRow after = run.apply(new ClassRunManagement.RunChange(null, null, null, null, null, 30,
				null, null, null, null, RunStatus.ONGOING), List.of(), NOW);

		assertThat(run.changesTo(after).toMap()).containsOnlyKeys("capacity", "status");
		assertThat(run.changesTo(before).isEmpty()).isTrue();
	}

	private static String code(ClassRunRepository.RunRow run, ClassRunManagement.RunChange change) {
		try {
			new ClassRun(run).apply(change, List.of(), NOW);
		}
		catch (CohortException ex) {
			return ex.code().code();
		}
		throw new AssertionError("the change was accepted");
	}

	private static ClassRunManagement.RunChange change(LocalDate start, LocalDate end, RunStatus status) {
		return new ClassRunManagement.RunChange(null, start, end, null, null, null, null, null, null, null, status);
	}

	private static ClassRunRepository.RunRow run(RunStatus status, int capacity, int seatsTaken) {
		return new ClassRunRepository.RunRow(UUID.randomUUID(), UUID.randomUUID(), "R-1", START, START.plusDays(1),
				START.minusDays(30), START.minusDays(1), capacity, seatsTaken, "1", "Room 1", false, true, status, null,
				"068902", null, NOW.minusSeconds(86_400), NOW.minusSeconds(86_400));
	}

}
