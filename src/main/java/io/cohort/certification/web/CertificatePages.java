package io.cohort.certification.web;

import java.util.UUID;

import io.cohort.certification.CertificationManagement;
import io.cohort.system.PublicUrl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The learner's "My certificates" page and its downloads (session cookie, so not under
 * {@code /api}).
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

}
