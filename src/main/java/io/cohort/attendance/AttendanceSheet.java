package io.cohort.attendance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One session's attendance sheet as it stands, and what a set of entries does to it,
 * without I/O: which records are new, which corrected and which unchanged, and which
 * learners become absent. The facade loads the sheet, writes the diff and publishes it.
 */
final class AttendanceSheet {

	private final UUID sessionId;

	private final BigDecimal hours;

	private final Map<UUID, AttendanceRecord> records;

	/**
	 * The sheet of the session of {@code hours} with its records (one per enrolment).
	 */
	AttendanceSheet(UUID sessionId, BigDecimal hours, Collection<AttendanceRecord> records) {
		this.sessionId = sessionId;
		this.hours = hours;
		this.records = records.stream().collect(Collectors.toMap(AttendanceRecord::enrolmentId, Function.identity()));
	}

	/**
	 * What the entries change, marked by {@code by} through {@code method} at
	 * {@code now}; {@code learnerOf} gives each entry's learner. An entry with the status
	 * and remarks (trimmed) its record already has changes nothing; an attended status
	 * earns the session's hours, any other none.
	 */
	Diff diff(List<AttendanceManagement.Entry> entries, Map<UUID, UUID> learnerOf, String method, String by,
			Instant now) {
		List<AttendanceRecord> created = new ArrayList<>();
		List<AttendanceRecord> corrected = new ArrayList<>();
		List<AttendanceRecord> correctedBefore = new ArrayList<>();
		List<AttendanceRecord> result = new ArrayList<>();
		for (AttendanceManagement.Entry entry : entries) {
			String remarks = entry.remarks() == null ? "" : entry.remarks().trim();
			AttendanceRecord before = records.get(entry.enrolmentId());
			if (before != null && before.status() == entry.status() && before.remarks().equals(remarks)) {
				result.add(before);
				continue;
			}
			AttendanceRecord after = new AttendanceRecord(before == null ? UUID.randomUUID() : before.id(), sessionId,
					entry.enrolmentId(), learnerOf.get(entry.enrolmentId()), entry.status(), remarks,
					entry.status().attended() ? hours : BigDecimal.ZERO, method, by, now);
			(before == null ? created : corrected).add(after);
			if (before != null) {
				correctedBefore.add(before);
			}
			result.add(after);
		}
		return new Diff(created, corrected, correctedBefore, result);
	}

	/**
	 * What a set of entries changes: the records {@code created}, those {@code corrected}
	 * (and what they were, in the same order), and every entry's record as it now stands,
	 * in the entries' order.
	 */
	record Diff(List<AttendanceRecord> created, List<AttendanceRecord> corrected,
			List<AttendanceRecord> correctedBefore, List<AttendanceRecord> result) {

		/** The records created, then those corrected. */
		List<AttendanceRecord> changed() {
			List<AttendanceRecord> changed = new ArrayList<>(created);
			changed.addAll(corrected);
			return changed;
		}

		/**
		 * What each of {@link #changed()} was before, in the same order: null for a
		 * record created.
		 */
		List<@Nullable AttendanceRecord> previous() {
			List<@Nullable AttendanceRecord> previous = new ArrayList<>(Collections.nCopies(created.size(), null));
			previous.addAll(correctedBefore);
			return previous;
		}

		/** How many entries changed nothing. */
		int unchanged() {
			return result.size() - created.size() - corrected.size();
		}

		/** The records changed to ABSENT from no record or another status. */
		List<AttendanceRecord> newAbsences() {
			List<AttendanceRecord> absences = new ArrayList<>();
			List<AttendanceRecord> changed = changed();
			List<@Nullable AttendanceRecord> previous = previous();
			for (int i = 0; i < changed.size(); i++) {
				AttendanceRecord before = previous.get(i);
				if (changed.get(i).status() == AttendanceStatus.ABSENT
						&& (before == null || before.status() != AttendanceStatus.ABSENT)) {
					absences.add(changed.get(i));
				}
			}
			return absences;
		}

	}

}
