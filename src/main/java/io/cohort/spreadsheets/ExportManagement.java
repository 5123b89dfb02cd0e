package io.cohort.spreadsheets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceRecord;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.TenantManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.SessionView;
import io.cohort.shared.PageView;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CSV exports of a run: its enrolments, and its attendance (a column per session, then
 * the rate). National ids are only ever masked. A value a spreadsheet would take for a
 * formula (starting with {@code = + - @}, a tab or a carriage return) is prefixed with
 * {@code '}. Files start with a byte order mark so that spreadsheet programs read them as
 * UTF-8.
 */
@Service
public class ExportManagement {

	static final List<String> ENROLMENT_COLUMNS = List.of("learner_name", "national_id", "email", "status",
			"waitlist_position", "sponsorship_type", "employer_uen", "fee_amount", "discount_amount",
			"fee_collection_status", "enrolled_at");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final int PAGE = 500;

	private final ClassRunManagement runs;

	private final EnrolmentManagement enrolments;

	private final LearnerManagement learners;

	private final AttendanceManagement attendance;

	private final TenantManagement tenants;

	ExportManagement(ClassRunManagement runs, EnrolmentManagement enrolments, LearnerManagement learners,
			AttendanceManagement attendance, TenantManagement tenants) {
		this.runs = runs;
		this.enrolments = enrolments;
		this.learners = learners;
		this.attendance = attendance;
		this.tenants = tenants;
	}

	/** A CSV file to download. */
	public record CsvFile(String fileName, byte[] content) {
	}

	/** Every enrolment of the run, in the order they came. */
	@Transactional(readOnly = true)
	public CsvFile enrolments(UUID runId) {
		ClassRunView run = runs.get(runId);
		List<EnrolmentView> all = enrolmentsOf(runId);
		Map<UUID, LearnerView> byLearner = learners.findAll(all.stream().map(EnrolmentView::learnerId).toList());
		ZoneId zone = tenants.zone(CurrentActor.tenantId());
		List<List<String>> rows = new ArrayList<>();
		for (EnrolmentView enrolment : all) {
			LearnerView learner = byLearner.get(enrolment.learnerId());
			rows.add(List.of(enrolment.learnerName(), enrolment.learnerNationalId(),
					learner == null ? "" : learner.email(), enrolment.status().name(),
					enrolment.waitlistPosition() == null ? "" : enrolment.waitlistPosition().toString(),
					enrolment.sponsorshipType().name(), orEmpty(enrolment.employerUen()),
					enrolment.feeAmount().toPlainString(), enrolment.discountAmount().toPlainString(),
					enrolment.feeCollectionStatus().name(), DATE_TIME.format(enrolment.enrolledAt().atZone(zone))));
		}
		return new CsvFile(fileName("enrollments", run), csv(ENROLMENT_COLUMNS, rows));
	}

	/**
	 * One row per confirmed (or completed) learner, one column per session that was not
	 * cancelled with the learner's mark, then attended hours, scheduled hours and the
	 * attendance rate.
	 */
	@Transactional(readOnly = true)
	public CsvFile attendance(UUID runId) {
		ClassRunView run = runs.get(runId);
		List<SessionView> sessions = runs.sessions(runId)
			.stream()
			.filter(s -> !s.cancelled())
			.sorted(Comparator.comparing(SessionView::date).thenComparing(SessionView::startTime))
			.toList();
		Map<UUID, EnrolmentView> byEnrolment = enrolmentsOf(runId).stream()
			.collect(Collectors.toMap(EnrolmentView::id, Function.identity()));
		Map<UUID, Map<UUID, String>> marks = new HashMap<>();
		for (SessionView session : sessions) {
			marks.put(session.id(),
					attendance.sheet(session.id())
						.stream()
						.collect(Collectors.toMap(AttendanceRecord::enrolmentId, r -> r.status().name())));
		}
		List<String> header = new ArrayList<>(List.of("learner_name", "national_id"));
		sessions.forEach(s -> header.add(s.date() + " " + s.startTime() + "-" + s.endTime()));
		header.addAll(List.of("attended_hours", "scheduled_hours", "rate_percent"));
		List<List<String>> rows = new ArrayList<>();
		for (AttendanceManagement.Rate rate : attendance.rates(runId)) {
			EnrolmentView enrolment = byEnrolment.get(rate.enrolmentId());
			List<String> row = new ArrayList<>(
					List.of(rate.learnerName(), enrolment == null ? "" : enrolment.learnerNationalId()));
			sessions.forEach(s -> row.add(marks.get(s.id()).getOrDefault(rate.enrolmentId(), "")));
			row.addAll(List.of(plain(rate.attendedHours()), plain(rate.scheduledHours()), plain(rate.ratePercent())));
			rows.add(row);
		}
		return new CsvFile(fileName("attendance", run), csv(header, rows));
	}

	private List<EnrolmentView> enrolmentsOf(UUID runId) {
		List<EnrolmentView> all = new ArrayList<>();
		PageView<EnrolmentView> page;
		int number = 0;
		do {
			page = enrolments.search(runId, null, null, number++, PAGE);
			all.addAll(page.items());
		}
		while (page.items().size() == PAGE);
		return all;
	}

	/** The value as a spreadsheet shows it, never as a formula. */
	static String safe(String value) {
		if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
			return "'" + value;
		}
		return value;
	}

	private static byte[] csv(List<String> header, List<List<String>> rows) {
		StringBuilder out = new StringBuilder("\uFEFF");
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
			printer.printRecord(header.stream().map(ExportManagement::safe));
			for (List<String> row : rows) {
				printer.printRecord(row.stream().map(ExportManagement::safe));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String fileName(String what, ClassRunView run) {
		String reference = run.reference().replaceAll("[^A-Za-z0-9._-]+", "-");
		return what + "-" + reference + ".csv";
	}

	private static String plain(BigDecimal value) {
		return value.toPlainString();
	}

	private static String orEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}

}
