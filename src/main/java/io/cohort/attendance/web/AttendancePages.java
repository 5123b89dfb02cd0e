package io.cohort.attendance.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceRecord;
import io.cohort.attendance.AttendanceStatus;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.SessionView;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.system.CohortException;
import io.cohort.system.PublicUrl;
import io.cohort.system.QrCodes;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Attendance pages: a trainer's sessions, a session's bulk attendance sheet (everyone
 * present unless ticked absent, saved in one request) beside its rotating check-in QR
 * code, a learner's check-in and attendance, and a run's attendance rates for the run
 * page.
 */
@Controller
class AttendancePages {

	static final int QR_SIZE = 320;

	private final AttendanceManagement attendance;

	private final ClassRunManagement runs;

	private final TrainerManagement trainers;

	private final EnrolmentManagement enrolments;

	private final LearnerManagement learners;

	private final PublicUrl publicUrl;

	AttendancePages(AttendanceManagement attendance, ClassRunManagement runs, TrainerManagement trainers,
			EnrolmentManagement enrolments, LearnerManagement learners, PublicUrl publicUrl) {
		this.attendance = attendance;
		this.runs = runs;
		this.trainers = trainers;
		this.enrolments = enrolments;
		this.learners = learners;
		this.publicUrl = publicUrl;
	}

	/** A session with its run, for lists. */
	record SessionRow(SessionView session, ClassRunView run) {
	}

	/** One learner on the sheet, with their saved mark if any. */
	record SheetLine(EnrolmentView enrolment, @Nullable AttendanceRecord record) {

		public boolean absent() {
			return record != null && record.status() == AttendanceStatus.ABSENT;
		}

		/** LATE or EXCUSED, which the checkbox alone cannot say. */
		public @Nullable AttendanceStatus other() {
			return record != null
					&& (record.status() == AttendanceStatus.LATE || record.status() == AttendanceStatus.EXCUSED)
							? record.status() : null;
		}

		public String remarks() {
			return record == null ? "" : record.remarks();
		}

	}

	/** One of the learner's attendance records, with its session and run. */
	record MyRecord(AttendanceRecord record, @Nullable SessionView session, String runReference) {
	}

	@GetMapping("/my/sessions")
	@PreAuthorize("hasRole('TRAINER')")
	String mySessions(Model model) {
		model.addAttribute("hasProfile", trainers.me().isPresent());
		model.addAttribute("sessions", rows(trainers.mySessions()));
		return "attendance/my-sessions";
	}

	@GetMapping("/sessions/{id}")
	@PreAuthorize("hasAnyRole('OPS', 'TRAINER')")
	String sheet(@PathVariable UUID id, Model model) {
		AttendanceManagement.CheckInCode code = attendance.checkInCode(id);
		SessionView session = runs.session(id);
		Map<UUID, AttendanceRecord> marks = attendance.sheet(id)
			.stream()
			.collect(Collectors.toMap(AttendanceRecord::enrolmentId, Function.identity()));
		List<SheetLine> lines = roster(session).stream().map(e -> new SheetLine(e, marks.get(e.id()))).toList();
		model.addAttribute("classSession", session);
		model.addAttribute("run", runs.get(session.runId()));
		model.addAttribute("lines", lines);
		model.addAttribute("marked", !marks.isEmpty());
		model.addAttribute("fromRun", !trainers.leads(session));
		model.addAttribute("statuses", List.of(AttendanceStatus.LATE, AttendanceStatus.EXCUSED));
		addCode(model, code);
		return "attendance/sheet";
	}

	/**
	 * Saves the whole sheet in one request: every listed enrolment is PRESENT unless
	 * ticked absent or given another status under "more options".
	 */
	@PostMapping("/sessions/{id}/attendance")
	@PreAuthorize("hasAnyRole('OPS', 'TRAINER')")
	String saveSheet(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
			RedirectAttributes redirect) {
		try {
			List<AttendanceManagement.Entry> entries = entries(form);
			if (entries.isEmpty()) {
				redirect.addFlashAttribute("problem", "Nobody is on the sheet to mark.");
			}
			else {
				AttendanceManagement.SheetResult result = attendance.markSheet(id, entries);
				redirect.addFlashAttribute("notice", "Attendance saved: " + result.created() + " new, "
						+ result.corrected() + " corrected, " + result.unchanged() + " unchanged.");
			}
		}
		catch (CohortException ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/sessions/" + id;
	}

	/** The check-in QR block, which htmx swaps every 30 seconds. */
	@GetMapping("/sessions/{id}/check-in")
	@PreAuthorize("hasAnyRole('OPS', 'TRAINER')")
	String checkInBlock(@PathVariable UUID id, Model model) {
		model.addAttribute("classSession", runs.session(id));
		addCode(model, attendance.checkInCode(id));
		return "attendance/sheet :: qr";
	}

	@GetMapping(path = "/sessions/{id}/check-in-qr.png", produces = MediaType.IMAGE_PNG_VALUE)
	@PreAuthorize("hasAnyRole('OPS', 'TRAINER')")
	ResponseEntity<byte[]> checkInQr(@PathVariable UUID id) {
		AttendanceManagement.CheckInCode code = attendance.checkInCode(id);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.IMAGE_PNG)
			.body(QrCodes.png(checkInUrl(code.code()), QR_SIZE));
	}

	@GetMapping("/check-in")
	@PreAuthorize("hasRole('LEARNER')")
	String checkInPage(@RequestParam(required = false) @Nullable String code, Model model) {
		model.addAttribute("hasProfile", learners.me().isPresent());
		model.addAttribute("code", code == null ? "" : code.trim());
		return "attendance/check-in";
	}

	@PostMapping("/check-in")
	@PreAuthorize("hasRole('LEARNER')")
	String checkIn(@RequestParam(defaultValue = "") String code, Model model) {
		boolean hasProfile = learners.me().isPresent();
		model.addAttribute("hasProfile", hasProfile);
		model.addAttribute("code", code.trim());
		if (code.isBlank()) {
			model.addAttribute("problem", "Enter the code shown on the trainer's screen.");
		}
		else if (hasProfile) {
			try {
				AttendanceRecord record = attendance.checkIn(code.trim());
				SessionView session = runs.session(record.sessionId());
				model.addAttribute("notice", "You are checked in for the session on " + session.date() + " at "
						+ session.startTime() + " (" + record.status() + ").");
				model.addAttribute("code", "");
			}
			catch (CohortException ex) {
				model.addAttribute("problem", ex.getMessage());
			}
		}
		return "attendance/check-in";
	}

	@GetMapping("/my/attendance")
	@PreAuthorize("hasRole('LEARNER')")
	String myAttendance(Model model) {
		model.addAttribute("hasProfile", learners.me().isPresent());
		Map<UUID, String> references = enrolments.mine()
			.stream()
			.collect(Collectors.toMap(EnrolmentView::id, EnrolmentView::runReference));
		model.addAttribute("records",
				attendance.mine()
					.stream()
					.map(r -> new MyRecord(r, runs.findSession(r.sessionId()).orElse(null),
							references.getOrDefault(r.enrolmentId(), "")))
					.sorted(Comparator.comparing((MyRecord r) -> r.session() == null ? null : r.session().date(),
							Comparator.nullsLast(Comparator.reverseOrder())))
					.toList());
		model.addAttribute("rates", attendance.myRates());
		model.addAttribute("references", references);
		return "attendance/mine";
	}

	/**
	 * A run's attendance rates: a fragment for the run page (htmx), or a page of its own.
	 */
	@GetMapping("/runs/{id}/attendance")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	String rates(@PathVariable UUID id, @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			Model model) {
		model.addAttribute("run", runs.get(id));
		model.addAttribute("rates", attendance.rates(id));
		return htmx == null ? "attendance/rates" : "attendance/rates :: rates";
	}

	private static List<AttendanceManagement.Entry> entries(MultiValueMap<String, String> form) {
		List<String> absent = form.getOrDefault("absent", List.of());
		return form.getOrDefault("enrolment", List.of()).stream().map(value -> {
			UUID enrolment = parse(value);
			String other = form.getFirst("status-" + enrolment);
			AttendanceStatus status = other != null && !other.isBlank() ? parseStatus(other)
					: absent.contains(value) ? AttendanceStatus.ABSENT : AttendanceStatus.PRESENT;
			return new AttendanceManagement.Entry(enrolment, status, form.getFirst("remarks-" + enrolment));
		}).toList();
	}

	private List<EnrolmentView> roster(SessionView session) {
		return enrolments.roster(session.runId(), EnrolmentStatus.CONFIRMED)
			.stream()
			.sorted(Comparator.comparing(EnrolmentView::learnerName, String.CASE_INSENSITIVE_ORDER))
			.toList();
	}

	private List<SessionRow> rows(List<SessionView> sessions) {
		Map<UUID, ClassRunView> byRun = sessions.stream()
			.map(SessionView::runId)
			.distinct()
			.collect(Collectors.toMap(Function.identity(), runs::get));
		return sessions.stream().map(s -> new SessionRow(s, byRun.get(s.runId()))).toList();
	}

	private void addCode(Model model, AttendanceManagement.CheckInCode code) {
		model.addAttribute("code", code);
		model.addAttribute("checkInUrl", checkInUrl(code.code()));
	}

	private String checkInUrl(String code) {
		return publicUrl.builder().path("/check-in").queryParam("code", code).toUriString();
	}

	private static UUID parse(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw CohortException.invalidField("enrolment", "is not an enrolment id");
		}
	}

	private static AttendanceStatus parseStatus(String value) {
		try {
			return AttendanceStatus.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			throw CohortException.invalidField("status", "is not an attendance status");
		}
	}

}
