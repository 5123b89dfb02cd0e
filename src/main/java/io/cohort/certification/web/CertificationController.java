package io.cohort.certification.web;

import java.util.List;
import java.util.UUID;

import io.cohort.certification.CertificateView;
import io.cohort.certification.CertificationManagement;
import io.cohort.certification.CertificationPolicy;
import io.cohort.certification.OwnCertificate;
import io.cohort.system.PublicUrl;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Certificates over the API: the policy (ADMIN), the PDF of an enrolment's certificate
 * (staff or its learner), lists per run and per learner (staff), revocation (ADMIN) and
 * reissue (staff).
 */
@RestController
class CertificationController {

	private final CertificationManagement certification;

	private final PublicUrl publicUrl;

	CertificationController(CertificationManagement certification, PublicUrl publicUrl) {
		this.certification = certification;
		this.publicUrl = publicUrl;
	}

	record EligibilityPolicyChange(@NotNull @Min(1) @Max(100) Integer attendanceThresholdPercent) {
	}

	record Revoke(@NotBlank @Size(max = 500) String reason) {
	}

	record Reissue(@NotBlank @Size(max = 500) String reason) {
	}

	@Operation(summary = "Get the eligibility policy")
	@GetMapping("/api/v1/certification/policy")
	@PreAuthorize("hasRole('ADMIN')")
	CertificationPolicy policy() {
		return certification.policy();
	}

	@Operation(summary = "Change the eligibility policy")
	@PutMapping("/api/v1/certification/policy")
	@PreAuthorize("hasRole('ADMIN')")
	CertificationPolicy updatePolicy(@Valid @RequestBody EligibilityPolicyChange request) {
		return certification.updatePolicy(request.attendanceThresholdPercent());
	}

	@Operation(summary = "Download an enrolment's certificate (PDF)")
	@GetMapping(path = "/api/v1/enrollments/{id}/certificate", produces = MediaType.APPLICATION_PDF_VALUE)
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'LEARNER')")
	ResponseEntity<byte[]> certificate(@PathVariable UUID id) {
		return pdf(certification, publicUrl, certification.ofEnrolment(id));
	}

	@Operation(summary = "List a class run's certificates")
	@GetMapping("/api/v1/certificates")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	List<CertificateView> ofRun(@RequestParam(name = "class_run_id") UUID runId) {
		return certification.ofRun(runId);
	}

	@Operation(summary = "List a learner's certificates, revoked and replaced ones included, newest first")
	@GetMapping("/api/v1/learners/{id}/certificates")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	List<CertificateView> ofLearner(@PathVariable UUID id) {
		return certification.ofLearner(id);
	}

	@Operation(summary = "List the calling learner's certificates",
			description = "Revoked and replaced ones included, newest first; a replaced one names the number "
					+ "that replaced it (replaced_by). Staff's reasons for revoking or reissuing are not shown.")
	@GetMapping("/api/v1/certificates/me")
	@PreAuthorize("hasRole('LEARNER')")
	List<OwnCertificate> mine() {
		return certification.mine();
	}

	@Operation(summary = "Revoke a certificate with a reason")
	@PostMapping("/api/v1/certificates/{id}/revoke")
	@PreAuthorize("hasRole('ADMIN')")
	CertificateView revoke(@PathVariable UUID id, @Valid @RequestBody Revoke request) {
		return certification.revoke(id, request.reason());
	}

	@Operation(summary = "Reissue a certificate with a reason",
			description = "Issues a new certificate (new number and verification code, the learner's current details, "
					+ "the current template) for the same enrolment and revokes this one if it is still valid. "
					+ "Only the latest certificate of an enrolment that still meets the rule can be reissued.")
	@PostMapping("/api/v1/certificates/{id}/reissue")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ResponseEntity<CertificateView> reissue(@PathVariable UUID id, @Valid @RequestBody Reissue request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(certification.reissue(id, request.reason()));
	}

	/** The certificate's PDF as a download named after its number. */
	static ResponseEntity<byte[]> pdf(CertificationManagement certification, PublicUrl publicUrl,
			CertificateView certificate) {
		byte[] body = certification.pdf(certificate, VerificationPages.url(publicUrl, certificate.verificationCode()));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.cacheControl(CacheControl.noStore())
			.header("Content-Disposition",
					ContentDisposition.attachment()
						.filename("certificate-" + certificate.number() + ".pdf")
						.build()
						.toString())
			.body(body);
	}

}
