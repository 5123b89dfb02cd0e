package io.cohort.certification.web;

import java.util.UUID;

import io.cohort.certification.CertificationManagement;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The learner's "My certificates" page and its downloads (session cookie, so not under {@code /api}).
 */
@Controller
class CertificatePages {

	private final CertificationManagement certification;

	CertificatePages(CertificationManagement certification) {
		this.certification = certification;
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
		return CertificationController.pdf(certification, certification.get(id));
	}

}
