package io.cohort.certification.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.cohort.certification.CertificateTemplate;
import io.cohort.certification.CertificateTemplateManagement;
import io.cohort.certification.TemplateImage;
import io.cohort.system.CohortException;
import io.cohort.system.PublicUrl;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The certificate template over the API (ADMIN): its wording as JSON, its logo and
 * signature images as multipart uploads of a {@code file} part (PNG or JPEG, at most 512
 * KiB, verified by decoding), and a preview PDF.
 */
@RestController
@RequestMapping("/api/v1/certification/template")
@PreAuthorize("hasRole('ADMIN')")
class CertificateTemplateController {

	private final CertificateTemplateManagement templates;

	private final PublicUrl publicUrl;

	CertificateTemplateController(CertificateTemplateManagement templates, PublicUrl publicUrl) {
		this.templates = templates;
		this.publicUrl = publicUrl;
	}

	/** The template's wording; the images are kept. */
	record WordingChange(@Nullable String title, @Nullable String statement, @Nullable String signatoryName,
			@Nullable String signatoryTitle) {
	}

	@Operation(summary = "Get the certificate template")
	@GetMapping
	CertificateTemplate template() {
		return templates.current();
	}

	@Operation(summary = "Change the certificate template's wording",
			description = "Title and statement lines are required (at most 80 and 160 characters), the signatory's "
					+ "name and title optional (at most 80 each); plain text on one line. Certificates already "
					+ "issued keep the template they were issued with.")
	@PutMapping
	CertificateTemplate updateWording(@RequestBody WordingChange request) {
		return templates.update(new CertificateTemplateManagement.TemplateChange(
				new CertificateTemplateManagement.Wording(request.title(), request.statement(), request.signatoryName(),
						request.signatoryTitle()),
				null, null));
	}

	@Operation(summary = "Download the template's logo or signature image")
	@GetMapping("/images/{image}")
	ResponseEntity<byte[]> image(@PathVariable String image) {
		TemplateImage which = which(image);
		CertificateTemplateManagement.ImageFile file = templates.image(which)
			.orElseThrow(() -> CohortException.notFound("template image", which.label()));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.mediaType()))
			.cacheControl(CacheControl.noStore())
			.body(file.content());
	}

	@Operation(summary = "Upload the template's logo or signature image (multipart, part 'file')",
			description = "PNG or JPEG, at most 512 KiB (413 past it) and 4096 pixels a side; the type is read from "
					+ "the content, never from the file name.")
	@PutMapping(path = "/images/{image}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	CertificateTemplate uploadImage(@PathVariable String image, @RequestParam("file") MultipartFile file) {
		return templates.replaceImage(which(image), bytes(file));
	}

	@Operation(summary = "Remove the template's logo or signature image")
	@DeleteMapping("/images/{image}")
	CertificateTemplate removeImage(@PathVariable String image) {
		return templates.removeImage(which(image));
	}

	@Operation(summary = "Preview the current template as a PDF, with sample learner and course")
	@GetMapping(path = "/preview", produces = MediaType.APPLICATION_PDF_VALUE)
	ResponseEntity<byte[]> preview() {
		return preview(templates, publicUrl);
	}

	/** The preview PDF as a download. */
	static ResponseEntity<byte[]> preview(CertificateTemplateManagement templates, PublicUrl publicUrl) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.cacheControl(CacheControl.noStore())
			.header("Content-Disposition",
					ContentDisposition.inline().filename("certificate-preview.pdf").build().toString())
			.body(templates.preview(VerificationPages.url(publicUrl, "preview")));
	}

	/** The image a path names: {@code logo} or {@code signature}; anything else 404. */
	static TemplateImage which(String image) {
		return TemplateImage.of(image).orElseThrow(() -> CohortException.notFound("template image", image));
	}

	static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
