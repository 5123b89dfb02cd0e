package io.cohort.certification.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cohort.certification.CertificateTemplate;
import io.cohort.certification.CertificateTemplateManagement;
import io.cohort.certification.CertificationManagement;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import io.cohort.system.PublicUrl;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's certificate settings (ADMIN): the attendance a certificate needs, and the
 * certificate template (wording, signatory, logo and signature images) with a preview
 * PDF.
 */
@Controller
@RequestMapping("/settings/certificates")
@PreAuthorize("hasRole('ADMIN')")
class CertificateSettingsPages {

	private static final Set<String> TEMPLATE_FIELDS = Set.of("title", "statement", "signatoryName", "signatoryTitle");

	private static final Set<String> IMAGE_FIELDS = Set.of("logo", "signature");

	private final CertificationManagement certification;

	private final CertificateTemplateManagement templates;

	private final PublicUrl publicUrl;

	CertificateSettingsPages(CertificationManagement certification, CertificateTemplateManagement templates,
			PublicUrl publicUrl) {
		this.certification = certification;
		this.templates = templates;
		this.publicUrl = publicUrl;
	}

	/** The form: the same bounds as {@code PUT /api/v1/certification/policy}. */
	record SettingsForm(@NotNull @Min(1) @Max(100) Integer attendanceThresholdPercent) {
	}

	/**
	 * The template form's fields: the wording, and a tick to remove each image (the image
	 * files come as parts of their own: none chosen keeps the image).
	 */
	record TemplateForm(@Nullable String title, @Nullable String statement, @Nullable String signatoryName,
			@Nullable String signatoryTitle, @Nullable Boolean removeLogo, @Nullable Boolean removeSignature) {

		static TemplateForm of(CertificateTemplate template) {
			return new TemplateForm(template.title(), template.statement(), template.signatoryName(),
					template.signatoryTitle(), false, false);
		}

	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("settingsForm", new SettingsForm(certification.policy().attendanceThresholdPercent()));
		model.addAttribute("templateForm", TemplateForm.of(templates.current()));
		model.addAttribute("template", templates.current());
		return "certification/settings";
	}

	@PostMapping
	String save(@Valid @ModelAttribute("settingsForm") SettingsForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				certification.updatePolicy(form.attendanceThresholdPercent());
				redirect.addFlashAttribute("notice", "Certificate settings saved.");
				return "redirect:/settings/certificates";
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, Set.of("attendanceThresholdPercent"));
			}
		}
		model.addAttribute("templateForm", TemplateForm.of(templates.current()));
		model.addAttribute("template", templates.current());
		return "certification/settings";
	}

	@PostMapping("/template")
	String saveTemplate(@ModelAttribute("templateForm") TemplateForm form, BindingResult errors,
			@RequestParam(required = false) @Nullable MultipartFile logo,
			@RequestParam(required = false) @Nullable MultipartFile signature, Model model,
			RedirectAttributes redirect) {
		try {
			templates.update(new CertificateTemplateManagement.TemplateChange(
					new CertificateTemplateManagement.Wording(form.title(), form.statement(), form.signatoryName(),
							form.signatoryTitle()),
					image(logo, Boolean.TRUE.equals(form.removeLogo())),
					image(signature, Boolean.TRUE.equals(form.removeSignature()))));
			redirect.addFlashAttribute("templateNotice",
					"Certificate template saved. Certificates issued from now on (and reissued ones) use it.");
			return "redirect:/settings/certificates#certificate-template";
		}
		catch (CohortException ex) {
			reject(ex, errors, model);
		}
		model.addAttribute("settingsForm", new SettingsForm(certification.policy().attendanceThresholdPercent()));
		model.addAttribute("template", templates.current());
		return "certification/settings";
	}

	/**
	 * Puts a refused template change on the form: an image's error beside its file input
	 * ({@code imageErrors}) and, as a sentence, in the summary; the rest as usual.
	 */
	private static void reject(CohortException ex, BindingResult errors, Model model) {
		Map<String, String> imageErrors = new LinkedHashMap<>();
		List<Object> rest = new ArrayList<>();
		if (ex.properties().get("errors") instanceof List<?> list) {
			for (Object item : list) {
				if (item instanceof Map<?, ?> error && IMAGE_FIELDS.contains(String.valueOf(error.get("field")))) {
					imageErrors.put(String.valueOf(error.get("field")), String.valueOf(error.get("message")));
				}
				else {
					rest.add(item);
				}
			}
		}
		imageErrors.forEach((field, message) -> errors.reject(ex.code().code(), "The " + field + " " + message + "."));
		if (!rest.isEmpty() || imageErrors.isEmpty()) {
			FormErrors.reject(new CohortException(ex.code(), String.valueOf(ex.getMessage()), Map.of("errors", rest)),
					errors, TEMPLATE_FIELDS);
		}
		model.addAttribute("imageErrors", imageErrors);
	}

	@GetMapping("/preview.pdf")
	ResponseEntity<byte[]> preview() {
		return CertificateTemplateController.preview(templates, publicUrl);
	}

	@GetMapping("/images/{image}")
	ResponseEntity<byte[]> image(@PathVariable String image) {
		CertificateTemplateManagement.ImageFile file = templates.image(CertificateTemplateController.which(image))
			.orElseThrow(() -> CohortException.notFound("template image", image));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.mediaType()))
			.cacheControl(CacheControl.noStore())
			.body(file.content());
	}

	private static CertificateTemplateManagement.@Nullable ImageChange image(@Nullable MultipartFile file,
			boolean remove) {
		if (file != null && !file.isEmpty()) {
			return new CertificateTemplateManagement.ImageChange(CertificateTemplateController.bytes(file));
		}
		return remove ? CertificateTemplateManagement.ImageChange.remove() : null;
	}

}
