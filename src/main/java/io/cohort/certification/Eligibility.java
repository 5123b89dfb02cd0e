package io.cohort.certification;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.assessment.AssessmentManagement;
import io.cohort.assessment.AssessmentRecorded;
import io.cohort.assessment.AssessmentResult;
import io.cohort.assessment.AssessmentUpdated;
import io.cohort.assessment.AssessmentVoided;
import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceMarked;
import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseView;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.TenantView;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.shared.AuditFact;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Decides certificates as attendance and results change, inside the transaction that
 * changed them and only for the enrolments it touched: an enrolment whose attendance rate
 * reaches the tenant's threshold and whose every course module is COMPETENT or EXEMPT
 * gets one certificate; one that loses eligibility has its certificate revoked (see
 * docs/adr/0007-certificate-eligibility.md). A certificate an admin revoked is never
 * re-issued automatically.
 */
@Component
class Eligibility {

	static final String ELIGIBILITY_LOST = "eligibility lost";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final CertificateRepository certificates;

	private final TemplateRepository templates;

	private final AssessmentManagement assessments;

	private final AttendanceManagement attendance;

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	private final TenantManagement tenants;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Eligibility(CertificateRepository certificates, TemplateRepository templates, AssessmentManagement assessments,
			AttendanceManagement attendance, ClassRunManagement runs, CourseManagement courses,
			TenantManagement tenants, ApplicationEventPublisher events, Clock clock) {
		this.certificates = certificates;
		this.templates = templates;
		this.assessments = assessments;
		this.attendance = attendance;
		this.runs = runs;
		this.courses = courses;
		this.tenants = tenants;
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	void on(AttendanceMarked event) {
		evaluate(event.tenantId(), event.classRunId(),
				event.marks()
					.stream()
					.map(AttendanceMarked.Mark::enrolmentId)
					.collect(Collectors.toCollection(LinkedHashSet::new)));
	}

	@EventListener
	void on(AssessmentRecorded event) {
		evaluate(event.tenantId(), event.classRunId(), Set.of(event.enrolmentId()));
	}

	@EventListener
	void on(AssessmentUpdated event) {
		evaluate(event.tenantId(), event.classRunId(), Set.of(event.enrolmentId()));
	}

	@EventListener
	void on(AssessmentVoided event) {
		evaluate(event.tenantId(), event.classRunId(), Set.of(event.enrolmentId()));
	}

	private void evaluate(UUID tenant, UUID runId, Collection<UUID> enrolmentIds) {
		ClassRunView run = runs.get(runId);
		CourseView course = courses.get(run.courseId());
		Set<UUID> modules = course.modules().stream().map(CourseView.ModuleView::id).collect(Collectors.toSet());
		Map<UUID, Map<UUID, AssessmentResult>> results = assessments.activeResults(enrolmentIds);
		Set<UUID> assessed = enrolmentIds.stream()
			.filter(e -> !modules.isEmpty() && achievedAll(modules, results.getOrDefault(e, Map.of())))
			.collect(Collectors.toSet());
		Map<UUID, CertificateView> latest = certificates.latestOf(tenant, enrolmentIds)
			.stream()
			.collect(Collectors.toMap(CertificateView::enrollmentId, Function.identity()));
		boolean anyLive = latest.values().stream().anyMatch(c -> c.status() == CertificateStatus.VALID);
		if (assessed.isEmpty() && !anyLive) {
			return;
		}
		certificates.lockRun(runId);
		latest = certificates.latestOf(tenant, enrolmentIds)
			.stream()
			.collect(Collectors.toMap(CertificateView::enrollmentId, Function.identity()));
		BigDecimal threshold = BigDecimal.valueOf(certificates.threshold(tenant));
		Map<UUID, AttendanceManagement.Rate> rates = attendance.rates(runId, enrolmentIds)
			.stream()
			.collect(Collectors.toMap(AttendanceManagement.Rate::enrolmentId, Function.identity()));
		@Nullable TenantView provider = null;
		for (UUID enrolment : enrolmentIds) {
			AttendanceManagement.Rate rate = rates.get(enrolment);
			boolean eligible = assessed.contains(enrolment) && rate != null
					&& rate.ratePercent().compareTo(threshold) >= 0;
			CertificateView current = latest.get(enrolment);
			if (current != null && current.status() == CertificateStatus.VALID) {
				if (!eligible) {
					revoke(tenant, current);
				}
			}
			else if (eligible && (current == null || current.revokedAutomatically())) {
				if (provider == null) {
					provider = tenants.find(tenant).orElseThrow();
				}
				issue(tenant, provider, run, rate, null, null);
			}
		}
	}

	/**
	 * Reissues the latest certificate of its enrolment, which must meet the rule now: a
	 * new certificate (new number and code) from today's learner, run and provider and
	 * the current template, naming the one it replaces, which is revoked if it is still
	 * valid. The caller holds the run's lock and has checked the certificate is the
	 * latest of its enrolment.
	 */
	CertificateView reissue(UUID tenant, CertificateView replaced, String reason) {
		ClassRunView run = runs.get(replaced.classRunId());
		Set<UUID> modules = courses.get(run.courseId())
			.modules()
			.stream()
			.map(CourseView.ModuleView::id)
			.collect(Collectors.toSet());
		Set<UUID> enrolment = Set.of(replaced.enrollmentId());
		Map<UUID, AssessmentResult> results = assessments.activeResults(enrolment)
			.getOrDefault(replaced.enrollmentId(), Map.of());
		AttendanceManagement.@Nullable Rate rate = attendance.rates(run.id(), enrolment)
			.stream()
			.findFirst()
			.orElse(null);
		int threshold = certificates.threshold(tenant);
		if (rate == null) {
			throw notEligible("the enrolment is no longer confirmed or completed");
		}
		if (modules.isEmpty() || !achievedAll(modules, results)) {
			throw notEligible("not every module of the course is assessed competent");
		}
		if (rate.ratePercent().compareTo(BigDecimal.valueOf(threshold)) < 0) {
			throw notEligible(
					"attendance is " + rate.ratePercent().toPlainString() + "%, below the required " + threshold + "%");
		}
		TenantView provider = tenants.find(tenant).orElseThrow();
		String number = number(tenant, provider);
		if (replaced.status() == CertificateStatus.VALID) {
			String revokeReason = "Reissued as " + number + ": " + reason;
			if (certificates.revoke(tenant, replaced.id(), revokeReason, CurrentActor.actorRef().label(), false,
					clock.instant().truncatedTo(ChronoUnit.MICROS))) {
				events.publishEvent(new CertificateRevoked(tenant, replaced.id(), replaced.enrollmentId(),
						replaced.learnerId(), revokeReason, false));
				events.publishEvent(AuditFact.of(tenant, "certificate.revoked", "certificate", replaced.id(),
						Map.of("number", replaced.number(), "reason", revokeReason, "automatic", false)));
			}
		}
		return issue(tenant, provider, run, rate, number, new Replacing(replaced, reason))
			.orElseThrow(() -> new IllegalStateException(
					"Enrolment " + replaced.enrollmentId() + " holds a live certificate besides " + replaced.number()));
	}

	/** The certificate a reissue replaces, and why. */
	private record Replacing(CertificateView certificate, String reason) {
	}

	private static CohortException notEligible(String why) {
		return new CohortException(ProblemCode.ENROLMENT_NOT_ELIGIBLE, "The certificate cannot be reissued: " + why);
	}

	/** Where each confirmed or completed learner of the run stands, in roster order. */
	List<Standing> standings(UUID tenant, UUID runId) {
		ClassRunView run = runs.get(runId);
		Set<UUID> modules = courses.get(run.courseId())
			.modules()
			.stream()
			.map(CourseView.ModuleView::id)
			.collect(Collectors.toSet());
		List<AttendanceManagement.Rate> rates = attendance.rates(runId);
		List<UUID> enrolmentIds = rates.stream().map(AttendanceManagement.Rate::enrolmentId).toList();
		Map<UUID, Map<UUID, AssessmentResult>> results = assessments.activeResults(enrolmentIds);
		Map<UUID, CertificateView> latest = certificates.latestOf(tenant, enrolmentIds)
			.stream()
			.collect(Collectors.toMap(CertificateView::enrollmentId, Function.identity()));
		int threshold = certificates.threshold(tenant);
		return rates.stream().map(rate -> {
			Map<UUID, AssessmentResult> mine = results.getOrDefault(rate.enrolmentId(), Map.of());
			int achieved = (int) modules.stream().filter(m -> mine.containsKey(m) && mine.get(m).achieved()).count();
			CertificateView certificate = latest.get(rate.enrolmentId());
			return new Standing(rate.enrolmentId(), rate.ratePercent(), threshold, modules.size(), achieved,
					certificate == null ? null : certificate.status());
		}).toList();
	}

	private static boolean achievedAll(Set<UUID> modules, Map<UUID, AssessmentResult> results) {
		return modules.stream().allMatch(m -> results.containsKey(m) && results.get(m).achieved());
	}

	/** The tenant's next certificate number: {@code SLUG-YEAR-000042}. */
	private String number(UUID tenant, TenantView provider) {
		return provider.slug().toUpperCase(Locale.ROOT) + "-" + runs.today(tenant).getYear() + "-"
				+ String.format(Locale.ROOT, "%06d", certificates.nextNumber(tenant));
	}

	/**
	 * Issues a certificate with the tenant's current template, under the number given (a
	 * new one if none); empty if the enrolment holds a live one already.
	 */
	private Optional<CertificateView> issue(UUID tenant, TenantView provider, ClassRunView run,
			AttendanceManagement.Rate rate, @Nullable String givenNumber, @Nullable Replacing replacing) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		LocalDate today = runs.today(tenant);
		String number = givenNumber != null ? givenNumber : number(tenant, provider);
		CertificateView certificate = new CertificateView(UUID.randomUUID(), rate.enrolmentId(), run.id(),
				rate.learnerId(), number, newCode(), rate.learnerName(), run.courseCode(), run.courseTitle(),
				run.reference(), run.startDate(), run.endDate(), provider.name(), rate.ratePercent(), today, now,
				CertificateStatus.VALID, null, null, false, replacing == null ? null : replacing.certificate().id(),
				null);
		if (!certificates.insert(tenant, certificate,
				templates.current(tenant).map(TemplateRepository.Stored::id).orElse(null))) {
			return Optional.empty();
		}
		events.publishEvent(new CertificateIssued(tenant, certificate.id(), certificate.enrollmentId(), run.id(),
				certificate.learnerId(), number));
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("number", number);
		summary.put("enrollment_id", certificate.enrollmentId().toString());
		summary.put("learner_id", certificate.learnerId().toString());
		summary.put("attendance_rate", rate.ratePercent().toPlainString());
		if (replacing != null) {
			summary.put("replaces_id", replacing.certificate().id().toString());
			summary.put("replaces_number", replacing.certificate().number());
			summary.put("reason", replacing.reason());
		}
		events.publishEvent(AuditFact.of(tenant, replacing == null ? "certificate.issued" : "certificate.reissued",
				"certificate", certificate.id(), summary));
		return Optional.of(certificate);
	}

	private void revoke(UUID tenant, CertificateView certificate) {
		if (!certificates.revoke(tenant, certificate.id(), ELIGIBILITY_LOST, CurrentActor.actorRef().label(), true,
				clock.instant().truncatedTo(ChronoUnit.MICROS))) {
			return;
		}
		events.publishEvent(new CertificateRevoked(tenant, certificate.id(), certificate.enrollmentId(),
				certificate.learnerId(), ELIGIBILITY_LOST, true));
		events.publishEvent(AuditFact.of(tenant, "certificate.revoked", "certificate", certificate.id(),
				Map.of("number", certificate.number(), "reason", ELIGIBILITY_LOST, "automatic", true)));
	}

	/** 120 random bits, URL-safe: 24 characters nobody can guess or enumerate. */
	private static String newCode() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
