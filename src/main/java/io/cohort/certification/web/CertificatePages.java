package io.cohort.certification.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.cohort.certification.CertificateStatus;
import io.cohort.certification.CertificateView;
import io.cohort.certification.CertificationManagement;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.system.CohortException;
import io.cohort.system.PublicUrl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The learner's "My certificates" page, a run's certificates for staff (ADMIN and OPS
 * list, download and reissue them, an ADMIN revokes one with a reason, as over the API),
 * the same actions from a learner's record, and the downloads (session cookie, so not
 * under {@code /api}).
 */
@Controller
class CertificatePages {

	private final CertificationManagement certification;

	private final PublicUrl publicUrl;

	CertificatePages(CertificationManagement certification, PublicUrl publicUrl) {
		this.certification = certification;
		this.publicUrl = publicUrl;
	}

	@GetMapping("/my/certificates")
	@PreAuthorize("hasRole('LEARNER')")
	String mine(Model model) {
		model.addAttribute("certificates", certification.mine());
		return "certification/my-certificates";
	}

	@GetMapping("/my/certificates/{id}.pdf")
	@PreAuthorize("hasRole('LEARNER')")
	ResponseEntity<byte[]> download(@PathVariable UUID id) {
		return CertificationController.pdf(certification, publicUrl, certification.get(id));
	}

	@GetMapping("/runs/{id}/certificates")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	String ofRun(@PathVariable UUID id, Model model) {
		List<CertificateView> certificates = certification.ofRun(id);
		model.addAttribute("runId", id);
		model.addAttribute("certificates", certificates);
		boolean admin = CurrentActor.require().has(Role.ADMIN);
		model.addAttribute("canRevoke", admin);
		model.addAttribute("reissuable", reissuable(certificates, admin));
		model.addAttribute("numbers", numbers(certificates));
		return "certification/run-certificates";
	}

	/**
	 * The certificates that may be offered for reissue: the latest of each enrolment (the
	 * list is newest first), a revoked one only to an ADMIN, since reissuing it undoes
	 * the revocation. Whether the enrolment still meets the rule is decided when the form
	 * is sent.
	 */
	static Set<UUID> reissuable(List<CertificateView> newestFirst, boolean admin) {
		Map<UUID, CertificateView> latest = new LinkedHashMap<>();
		for (CertificateView c : newestFirst) {
			latest.putIfAbsent(c.enrollmentId(), c);
		}
		return latest.values()
			.stream()
			.filter(c -> admin || c.status() == CertificateStatus.VALID)
			.map(CertificateView::id)
			.collect(Collectors.toUnmodifiableSet());
	}

	/** Each certificate's number by id, to name the certificate that replaced one. */
	static Map<UUID, String> numbers(List<CertificateView> certificates) {
		return certificates.stream().collect(Collectors.toMap(CertificateView::id, CertificateView::number));
	}

	@GetMapping("/certificates/{id}.pdf")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ResponseEntity<byte[]> staffDownload(@PathVariable UUID id) {
		return CertificationController.pdf(certification, publicUrl, certification.get(id));
	}

	@PostMapping("/certificates/{id}/revoke")
	@PreAuthorize("hasRole('ADMIN')")
	String revoke(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "run") String from, RedirectAttributes redirect) {
		CertificateView certificate = certification.get(id);
		try {
			certification.revoke(id, reason);
			redirect.addFlashAttribute("notice", "Certificate " + certificate.number() + " revoked.");
		}
		catch (CohortException ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("problem", "Certificate " + certificate.number() + ": " + describe(ex));
		}
		return back(certificate, from);
	}

	@PostMapping("/certificates/{id}/reissue")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	String reissue(@PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "run") String from, RedirectAttributes redirect) {
		CertificateView certificate = certification.get(id);
		try {
			CertificateView issued = certification.reissue(id, reason);
			redirect.addFlashAttribute("notice",
					"Certificate " + certificate.number() + " reissued as " + issued.number()
							+ (certificate.status() == CertificateStatus.VALID ? "; the old one is revoked." : "."));
		}
		catch (CohortException ex) {
			if (ex.status().value() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("problem", "Certificate " + certificate.number() + ": " + describe(ex));
		}
		return back(certificate, from);
	}

	/**
	 * Back to the page the form was on: the learner's record, or the run's certificates.
	 */
	private static String back(CertificateView certificate, String from) {
		return "learner".equals(from) ? "redirect:/learners/" + certificate.learnerId() + "/record"
				: "redirect:/runs/" + certificate.classRunId() + "/certificates";
	}

	private static String describe(CohortException ex) {
		if (ex.properties().get("errors") instanceof List<?> errors && !errors.isEmpty()) {
			return String.join("; ", errors.stream()
				.map(e -> e instanceof Map<?, ?> m ? m.get("field") + " " + m.get("message") : String.valueOf(e))
				.toList());
		}
		return ex.getMessage();
	}

}
