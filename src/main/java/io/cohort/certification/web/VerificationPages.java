package io.cohort.certification.web;

import java.util.Map;
import java.util.Optional;

import io.cohort.certification.CertificationManagement;
import io.cohort.certification.Verification;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.system.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Public certificate verification, without login and rate limited per client address: a
 * page for people, JSON for {@code Accept: application/json}. Only the random code
 * verifies; it tells whether the certificate is valid or revoked, the learner's name, the
 * course and the date, nothing more.
 */
@Controller
class VerificationPages {

	private final CertificationManagement certification;

	VerificationPages(CertificationManagement certification) {
		this.certification = certification;
	}

	@GetMapping(path = "/verify/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("permitAll()")
	@ResponseBody
	Verification verifyJson(@PathVariable String code, HttpServletRequest request) {
		return certification.verify(code, request.getRemoteAddr())
			.orElseThrow(() -> new CohortException(ProblemCode.UNKNOWN_CERTIFICATE,
					"No certificate has this verification code"));
	}

	@GetMapping(path = "/verify/{code}", produces = MediaType.TEXT_HTML_VALUE)
	@PreAuthorize("permitAll()")
	String verifyPage(@PathVariable String code, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<Verification> verification;
		try {
			verification = certification.verify(code, request.getRemoteAddr());
		}
		catch (CohortException ex) {
			if (ex.status() != HttpStatus.TOO_MANY_REQUESTS) {
				throw ex;
			}
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			if (ex.properties().get("retry_after") instanceof Number seconds) {
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
			}
			model.addAttribute("throttled", true);
			return "certification/verify";
		}
		if (verification.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
		}
		model.addAttribute("verification", verification.orElse(null));
		return "certification/verify";
	}

	/** The public verification URL of a code, on the configured public address. */
	static String url(PublicUrl publicUrl, String code) {
		return publicUrl.builder().path("/verify/{code}").buildAndExpand(Map.of("code", code)).toUriString();
	}

}
