package io.cohort.certification.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentView;
import io.cohort.attendance.AttendanceManagement;
import io.cohort.audit.AuditEntry;
import io.cohort.audit.AuditLog;
import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseView;
import io.cohort.certification.CertificateView;
import io.cohort.certification.CertificationManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.shared.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A learner's record for staff: each enrolment with its attendance rate, results per
 * module and certificate; every certificate of the learner, to download, reissue (ADMIN,
 * OPS) or revoke (ADMIN); for an ADMIN also who revealed the learner's national id and
 * when. The learner page loads it (htmx) or links to it.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class LearnerRecordPages {

	/** How many of the latest reveals the record lists; the audit log has them all. */
	static final int REVEALS_SHOWN = 20;

	private final LearnerManagement learners;

	private final EnrolmentManagement enrolments;

	private final AttendanceManagement attendance;

	private final AssessmentManagement assessments;

	private final CertificationManagement certification;

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	private final AuditLog audit;

	LearnerRecordPages(LearnerManagement learners, EnrolmentManagement enrolments, AttendanceManagement attendance,
			AssessmentManagement assessments, CertificationManagement certification, ClassRunManagement runs,
			CourseManagement courses, AuditLog audit) {
		this.learners = learners;
		this.enrolments = enrolments;
		this.attendance = attendance;
		this.assessments = assessments;
		this.certification = certification;
		this.runs = runs;
		this.courses = courses;
		this.audit = audit;
	}

	/** A module's result in words. */
	record Result(String module, String result) {
	}

	/** One enrolment of the learner with what came of it. */
	record Line(EnrolmentView enrolment, ClassRunView run, String status, @Nullable String attendanceRate,
			List<Result> results, @Nullable CertificateView certificate) {
	}

	@GetMapping("/learners/{id}/record")
	String record(@PathVariable UUID id, Model model) {
		LearnerView learner = learners.get(id);
		List<CertificateView> all = certification.ofLearner(id);
		Map<UUID, CertificateView> certificates = all.stream()
			.collect(Collectors.toMap(CertificateView::enrollmentId, Function.identity(), (newer, older) -> newer));
		List<Line> lines = enrolments.ofLearner(id).stream().map(e -> {
			ClassRunView run = runs.get(e.classRunId());
			boolean assessable = e.status() == EnrolmentStatus.CONFIRMED || e.status() == EnrolmentStatus.COMPLETED;
			Map<UUID, AssessmentView> results = assessments.search(null, e.id(), false)
				.stream()
				.collect(Collectors.toMap(AssessmentView::moduleId, Function.identity()));
			List<Result> perModule = courses.get(run.courseId())
				.modules()
				.stream()
				.map((CourseView.ModuleView m) -> new Result(m.code() + " " + m.title(),
						results.containsKey(m.id()) ? results.get(m.id()).result().label() : "No result yet"))
				.toList();
			return new Line(e, run, words(e.status()),
					assessable ? attendance.rateOf(e).ratePercent().toPlainString() + "%" : null, perModule,
					certificates.get(e.id()));
		}).toList();
		model.addAttribute("learner", learner);
		model.addAttribute("lines", lines);
		boolean admin = CurrentActor.require().has(Role.ADMIN);
		model.addAttribute("certificates", all);
		model.addAttribute("canRevoke", admin);
		model.addAttribute("reissuable", CertificatePages.reissuable(all, admin));
		model.addAttribute("numbers", CertificatePages.numbers(all));
		model.addAttribute("seesReveals", admin);
		if (admin) {
			PageView<AuditEntry> reveals = audit.search(
					new AuditLog.Filter("learner", id.toString(), null, "learner.national_id.revealed", null, null), 0,
					REVEALS_SHOWN);
			model.addAttribute("reveals", reveals);
		}
		return "certification/learner-record";
	}

	private static String words(EnrolmentStatus status) {
		return switch (status) {
			case CONFIRMED -> "Confirmed";
			case WAITLISTED -> "On the waitlist";
			case WITHDRAWN -> "Withdrawn";
			case COMPLETED -> "Completed";
			case CANCELLED -> "Cancelled";
		};
	}

}
