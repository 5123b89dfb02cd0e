package io.cohort.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** What a set of entries does to a session's attendance sheet, without a database. */
class AttendanceSheetTests {

	private static final UUID SESSION = UUID.randomUUID();

	private static final BigDecimal HOURS = new BigDecimal("3.5");

	private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

	private final UUID ann = UUID.randomUUID();

	private final UUID bob = UUID.randomUUID();

	private final UUID cy = UUID.randomUUID();

	private final Map<UUID, UUID> learners = Map.of(ann, UUID.randomUUID(), bob, UUID.randomUUID(), cy,
			UUID.randomUUID());

	@Test
	void newEntriesAreCreatedWithTheHoursTheirStatusEarns() {
		AttendanceSheet.Diff diff = new AttendanceSheet(SESSION, HOURS, List.of()).diff(
				List.of(new AttendanceManagement.Entry(ann, AttendanceStatus.LATE, "  bus  "),
						new AttendanceManagement.Entry(bob, AttendanceStatus.ABSENT, null)),
				learners, "SHEET", "trainer@provider.test", NOW);

		assertThat(diff.created()).extracting(AttendanceRecord::enrolmentId).containsExactly(ann, bob);
		assertThat(diff.corrected()).isEmpty();
		assertThat(diff.unchanged()).isZero();
		AttendanceRecord late = diff.created().get(0);
		assertThat(late.hours()).isEqualByComparingTo(HOURS);
		assertThat(late.remarks()).isEqualTo("bus");
		assertThat(late.learnerId()).isEqualTo(learners.get(ann));
		assertThat(late.method()).isEqualTo("SHEET");
		assertThat(diff.created().get(1).hours()).isEqualByComparingTo(BigDecimal.ZERO);
		assertThat(diff.previous()).containsExactly(null, null);
		assertThat(diff.newAbsences()).extracting(AttendanceRecord::enrolmentId).containsExactly(bob);
	}

	@Test
	void anEntryAsTheRecordStandsChangesNothingAndACorrectionKeepsTheRecordsId() {
		AttendanceRecord annPresent = record(ann, AttendanceStatus.PRESENT, "");
		AttendanceRecord bobAbsent = record(bob, AttendanceStatus.ABSENT, "ill");
		AttendanceRecord cyPresent = record(cy, AttendanceStatus.PRESENT, "");
		AttendanceSheet sheet = new AttendanceSheet(SESSION, HOURS, List.of(annPresent, bobAbsent, cyPresent));

		AttendanceSheet.Diff diff = sheet.diff(
				List.of(new AttendanceManagement.Entry(ann, AttendanceStatus.PRESENT, " "),
						new AttendanceManagement.Entry(bob, AttendanceStatus.ABSENT, "flu"),
						new AttendanceManagement.Entry(cy, AttendanceStatus.ABSENT, null)),
				learners, "SHEET", "ops", NOW);

		assertThat(diff.created()).isEmpty();
		assertThat(diff.unchanged()).isEqualTo(1);
		assertThat(diff.corrected()).extracting(AttendanceRecord::id).containsExactly(bobAbsent.id(), cyPresent.id());
		assertThat(diff.correctedBefore()).containsExactly(bobAbsent, cyPresent);
		assertThat(diff.result()).extracting(AttendanceRecord::enrolmentId).containsExactly(ann, bob, cy);
		assertThat(diff.result().get(0)).isSameAs(annPresent);
		assertThat(diff.newAbsences()).as("bob was absent already: only his remarks changed")
			.extracting(AttendanceRecord::enrolmentId)
			.containsExactly(cy);
	}

	private AttendanceRecord record(UUID enrolment, AttendanceStatus status, String remarks) {
		return new AttendanceRecord(UUID.randomUUID(), SESSION, enrolment, learners.get(enrolment), status, remarks,
				status.attended() ? HOURS : BigDecimal.ZERO, "SHEET", "trainer", NOW.minusSeconds(3600));
	}

}
