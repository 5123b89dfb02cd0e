package io.cohort.certification;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.shared.AuditFact;
import io.cohort.shared.Changes;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.system.RateWindows;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Certificates: the tenant's policy, reading, revoking and reissuing certificates, their
 * PDF, and public verification by code. Certificates are issued by eligibility as
 * attendance and results change. Staff (ADMIN, OPS) see the tenant's certificates; a
 * learner sees only their own, anyone else's is "not found".
 */
@Service
public class CertificationManagement {

	/** The rate windows of public verifications, counted per client address. */
	static final String VERIFICATION_SCOPE = "verification";

	private final CertificateRepository certificates;

	private final RateWindows rateWindows;

	private final int verifyRateLimit;

	private final EnrolmentManagement enrolments;

	private final ClassRunManagement runs;

	private final LearnerManagement learners;

	private final Eligibility eligibility;

	private final CertificateTemplateManagement templates;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CertificationManagement(CertificateRepository certificates, RateWindows rateWindows,
			@Value("${cohort.certification.verify-rate-limit:60}") int verifyRateLimit, EnrolmentManagement enrolments,
			ClassRunManagement runs, LearnerManagement learners, Eligibility eligibility,
			CertificateTemplateManagement templates, ApplicationEventPublisher events, Clock clock) {
		this.eligibility = eligibility;
		this.templates = templates;
		this.certificates = certificates;
		this.rateWindows = rateWindows;
		this.verifyRateLimit = verifyRateLimit;
		this.enrolments = enrolments;
		this.runs = runs;
		this.learners = learners;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public CertificationPolicy policy() {
		return new CertificationPolicy(certificates.threshold(CurrentActor.tenantId()));
	}

	/**
	 * Sets the attendance threshold; it applies from the next eligibility decision on.
	 */
	@Transactional
	public CertificationPolicy updatePolicy(int attendanceThresholdPercent) {
		if (attendanceThresholdPercent < 1 || attendanceThresholdPercent > 100) {
			throw CohortException.invalidField("attendance_threshold_percent", "must be between 1 and 100");
		}
		UUID tenant = CurrentActor.tenantId();
		int before = certificates.threshold(tenant);
		certificates.saveThreshold(tenant, attendanceThresholdPercent, CurrentActor.actorRef().label(),
				clock.instant().truncatedTo(ChronoUnit.MICROS));
		Changes changes = Changes.of().field("attendance_threshold_percent", before, attendanceThresholdPercent);
		if (!changes.isEmpty()) {
			events.publishEvent(AuditFact.of(tenant, "certification.policy.updated", "certification_policy", tenant,
					changes.toMap()));
		}
		return new CertificationPolicy(attendanceThresholdPercent);
	}

	/** The live certificate of an enrolment: staff for any, a learner for their own. */
	@Transactional(readOnly = true)
	public CertificateView ofEnrolment(UUID enrolmentId) {
		UUID tenant = CurrentActor.tenantId();
		if (staff()) {
			enrolments.get(enrolmentId);
		}
		else {
			enrolments.getOwn(enrolmentId);
		}
		return certificates.liveOf(tenant, enrolmentId).orElseThrow(CertificationManagement::noCertificate);
	}

	/** A certificate by id: staff for any, a learner for their own. */
	@Transactional(readOnly = true)
	public CertificateView get(UUID id) {
		CertificateView certificate = certificates.find(CurrentActor.tenantId(), id)
			.orElseThrow(() -> CohortException.notFound("certificate", id));
		if (!staff() && learners.me().map(LearnerView::id).filter(certificate.learnerId()::equals).isEmpty()) {
			throw CohortException.notFound("certificate", id);
		}
		return certificate;
	}

	/** The certificates of a run, newest first. */
	@Transactional(readOnly = true)
	public List<CertificateView> ofRun(UUID runId) {
		runs.get(runId);
		return certificates.search(CurrentActor.tenantId(), runId, null);
	}

	/**
	 * Where each confirmed or completed learner of a run stands towards a certificate
	 * (staff).
	 */
	@Transactional(readOnly = true)
	public List<Standing> standings(UUID runId) {
		return eligibility.standings(CurrentActor.tenantId(), runId);
	}

	/** A learner's certificates, revoked ones included, newest first (staff). */
	@Transactional(readOnly = true)
	public List<CertificateView> ofLearner(UUID learnerId) {
		learners.get(learnerId);
		return certificates.search(CurrentActor.tenantId(), null, learnerId);
	}

	/**
	 * The calling learner's certificates, revoked and replaced ones included, newest
	 * first, without staff's reasons.
	 */
	@Transactional(readOnly = true)
	public List<OwnCertificate> mine() {
		return learners.me()
			.map(me -> OwnCertificate.of(certificates.search(CurrentActor.tenantId(), null, me.id())))
			.orElse(List.of());
	}

	/**
	 * The certificate as a PDF, with the template version it was issued with, whose QR
	 * code links to the verification URL; only a valid one.
	 */
	@Transactional(readOnly = true)
	public byte[] pdf(CertificateView certificate, String verificationUrl) {
		if (certificate.status() != CertificateStatus.VALID) {
			throw noCertificate();
		}
		UUID tenant = CurrentActor.tenantId();
		return CertificatePdf.render(certificate,
				templates.content(tenant, certificates.templateOf(tenant, certificate.id()).orElse(null)),
				verificationUrl);
	}

	/**
	 * Staff reissue the latest certificate of an enrolment that still meets the rule,
	 * with a reason: a new certificate (new number and verification code) from the
	 * learner's, run's and provider's details as they are now and the current template,
	 * naming the one it replaces; the old one, if still valid, is revoked with "Reissued
	 * as NUMBER: reason". One transaction, audited ({@code certificate.reissued}).
	 * Reissuing a revoked certificate undoes its revocation, and revoking is an ADMIN's,
	 * so that takes an ADMIN (403 for OPS, nothing changed; ADR 0037).
	 */
	@Transactional
	public CertificateView reissue(UUID id, String reason) {
		if (reason == null || reason.isBlank()) {
			throw CohortException.invalidField("reason", "must not be blank");
		}
		UUID tenant = CurrentActor.tenantId();
		CertificateView certificate = certificates.find(tenant, id)
			.orElseThrow(() -> CohortException.notFound("certificate", id));
		certificates.lockRun(certificate.classRunId());
		CertificateView latest = certificates.latestOf(tenant, List.of(certificate.enrollmentId())).get(0);
		if (!latest.id().equals(id)) {
			throw new CohortException(ProblemCode.CERTIFICATE_NOT_LATEST,
					"Certificate " + certificate.number() + " was replaced; reissue the latest one, " + latest.number(),
					Map.of("latest_id", latest.id().toString()));
		}
		if (latest.status() == CertificateStatus.REVOKED && !CurrentActor.require().has(Role.ADMIN)) {
			throw new CohortException(ProblemCode.REVOKED_REISSUE_ADMIN_ONLY, "Certificate " + latest.number()
					+ " is revoked; reissuing it would undo the revocation, which only an ADMIN may do");
		}
		CertificateView issued = eligibility.reissue(tenant, latest, reason.trim());
		return certificates.find(tenant, issued.id()).orElseThrow();
	}

	/**
	 * An ADMIN revokes a certificate with a reason; it is never re-issued automatically.
	 */
	@Transactional
	public CertificateView revoke(UUID id, String reason) {
		if (reason == null || reason.isBlank()) {
			throw CohortException.invalidField("reason", "must not be blank");
		}
		UUID tenant = CurrentActor.tenantId();
		CertificateView certificate = certificates.find(tenant, id)
			.orElseThrow(() -> CohortException.notFound("certificate", id));
		if (!certificates.revoke(tenant, id, reason.trim(), CurrentActor.actorRef().label(), false,
				clock.instant().truncatedTo(ChronoUnit.MICROS))) {
			throw new CohortException(ProblemCode.CERTIFICATE_REVOKED, "The certificate is already revoked");
		}
		events.publishEvent(new CertificateRevoked(tenant, id, certificate.enrollmentId(), certificate.learnerId(),
				reason.trim(), false));
		events.publishEvent(AuditFact.of(tenant, "certificate.revoked", "certificate", id,
				Map.of("number", certificate.number(), "reason", reason.trim(), "automatic", false)));
		return certificates.find(tenant, id).orElseThrow();
	}

	/**
	 * Public verification, for anyone: counts the request against the client address's
	 * limit (429 past it), then answers what the code certifies, if it is a certificate's
	 * code.
	 */
	public Optional<Verification> verify(String code, String clientAddress) {
		Optional<Duration> wait = rateWindows.hit(VERIFICATION_SCOPE, clientAddress, verifyRateLimit);
		if (wait.isPresent()) {
			long seconds = Math.max(1, wait.get().toSeconds());
			throw new CohortException(ProblemCode.TOO_MANY_VERIFICATIONS,
					"Too many verification requests; try again in " + seconds + " seconds",
					Map.of("retry_after", seconds));
		}
		if (code.length() < 20 || code.length() > 64) {
			return Optional.empty();
		}
		return certificates.verification(code);
	}

	private static boolean staff() {
		CohortPrincipal caller = CurrentActor.require();
		return caller.has(Role.ADMIN) || caller.has(Role.OPS);
	}

	private static CohortException noCertificate() {
		return new CohortException(ProblemCode.NO_CERTIFICATE, "The enrolment has no valid certificate");
	}

}
