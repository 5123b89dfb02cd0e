package io.cohort.certification;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.identity.TenantManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.shared.AuditFact;
import io.cohort.shared.Changes;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's certificate template (ADMIN): the title and statement lines, the
 * signatory's name and title, and the logo and signature images. Every change writes a
 * new, immutable version; a certificate keeps the version it was issued with, and a
 * reissued one takes the current version
 * (docs/adr/0032-certificate-reissue-and-templates.md).
 */
@Service
public class CertificateTemplateManagement {

	public static final int TITLE_MAX = 80;

	public static final int STATEMENT_MAX = 160;

	public static final int SIGNATORY_MAX = 80;

	private final TemplateRepository templates;

	private final TenantManagement tenants;

	private final ClassRunManagement runs;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	CertificateTemplateManagement(TemplateRepository templates, TenantManagement tenants, ClassRunManagement runs,
			ApplicationEventPublisher events, Clock clock) {
		this.templates = templates;
		this.tenants = tenants;
		this.runs = runs;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The template's words: a title and a statement line (required), the signatory's name
	 * and title (optional); plain text on one line each.
	 */
	public record Wording(@Nullable String title, @Nullable String statement, @Nullable String signatoryName,
			@Nullable String signatoryTitle) {
	}

	/** A new image for the template, or none ({@code content} null) to remove it. */
	public record ImageChange(byte @Nullable [] content) {

		public static ImageChange remove() {
			return new ImageChange(null);
		}

	}

	/**
	 * A change of the template: each part that is null stays as it is.
	 */
	public record TemplateChange(@Nullable Wording wording, @Nullable ImageChange logo,
			@Nullable ImageChange signature) {
	}

	/** An image's bytes with its media type, as verified at upload. */
	public record ImageFile(String mediaType, byte[] content) {
	}

	@Transactional(readOnly = true)
	public CertificateTemplate current() {
		UUID tenant = CurrentActor.tenantId();
		return templates.current(tenant)
			.map(t -> new CertificateTemplate(t.version(), t.title(), t.statement(), t.signatoryName(),
					t.signatoryTitle(), describe(tenant, t.logoId()), describe(tenant, t.signatureId()), t.createdBy(),
					t.createdAt()))
			.orElseGet(() -> new CertificateTemplate(0, TemplateContent.DEFAULT_TITLE,
					TemplateContent.DEFAULT_STATEMENT, null, null, null, null, null, null));
	}

	/**
	 * Changes the template: everything is checked before anything is written (a refused
	 * change writes nothing); a change that changes nothing writes no version. Audited.
	 */
	@Transactional
	public CertificateTemplate update(TemplateChange change) {
		List<Map<String, String>> errors = new ArrayList<>();
		@Nullable Wording wording = change.wording() == null ? null : clean(change.wording(), errors);
		ImageCheck.@Nullable Checked logo = check(TemplateImage.LOGO, change.logo(), errors);
		ImageCheck.@Nullable Checked signature = check(TemplateImage.SIGNATURE, change.signature(), errors);
		if (!errors.isEmpty()) {
			throw new CohortException(ProblemCode.VALIDATION_FAILED, "The request is invalid",
					Map.of("errors", List.copyOf(errors)));
		}
		UUID tenant = CurrentActor.tenantId();
		templates.lock(tenant);
		Optional<TemplateRepository.Stored> before = templates.current(tenant);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String title = wording != null ? Objects.requireNonNull(wording.title())
				: before.map(TemplateRepository.Stored::title).orElse(TemplateContent.DEFAULT_TITLE);
		String statement = wording != null ? Objects.requireNonNull(wording.statement())
				: before.map(TemplateRepository.Stored::statement).orElse(TemplateContent.DEFAULT_STATEMENT);
		@Nullable String signatoryName = wording != null ? wording.signatoryName()
				: before.map(TemplateRepository.Stored::signatoryName).orElse(null);
		@Nullable String signatoryTitle = wording != null ? wording.signatoryTitle()
				: before.map(TemplateRepository.Stored::signatoryTitle).orElse(null);
		@Nullable UUID logoId = imageId(tenant, TemplateImage.LOGO, change.logo(), logo, before, now);
		@Nullable UUID signatureId = imageId(tenant, TemplateImage.SIGNATURE, change.signature(), signature, before, now);
		Changes changes = Changes.of()
			.field("title", before.map(TemplateRepository.Stored::title).orElse(TemplateContent.DEFAULT_TITLE), title)
			.field("statement",
					before.map(TemplateRepository.Stored::statement).orElse(TemplateContent.DEFAULT_STATEMENT),
					statement)
			.field("signatory_name", before.map(TemplateRepository.Stored::signatoryName).orElse(null), signatoryName)
			.field("signatory_title", before.map(TemplateRepository.Stored::signatoryTitle).orElse(null),
					signatoryTitle)
			.field("logo_image_id", before.map(TemplateRepository.Stored::logoId).orElse(null), logoId)
			.field("signature_image_id", before.map(TemplateRepository.Stored::signatureId).orElse(null), signatureId);
		if (changes.isEmpty()) {
			return current();
		}
		int version = before.map(TemplateRepository.Stored::version).orElse(0) + 1;
		UUID id = UUID.randomUUID();
		templates.insert(tenant, new TemplateRepository.Stored(id, version, title, statement, signatoryName,
				signatoryTitle, logoId, signatureId, CurrentActor.actorRef().label(), now));
		Map<String, Object> facts = new LinkedHashMap<>(changes.toMap());
		facts.put("version", version);
		events.publishEvent(AuditFact.of(tenant, "certification.template.updated", "certificate_template", id, facts));
		return current();
	}

	/** Replaces one image of the template with a verified upload. */
	@Transactional
	public CertificateTemplate replaceImage(TemplateImage which, byte[] content) {
		ImageChange image = new ImageChange(content);
		return update(new TemplateChange(null, which == TemplateImage.LOGO ? image : null,
				which == TemplateImage.SIGNATURE ? image : null));
	}

	/** Removes one image from the template. */
	@Transactional
	public CertificateTemplate removeImage(TemplateImage which) {
		return update(new TemplateChange(null, which == TemplateImage.LOGO ? ImageChange.remove() : null,
				which == TemplateImage.SIGNATURE ? ImageChange.remove() : null));
	}

	/** The current template's image, if it has one. */
	@Transactional(readOnly = true)
	public Optional<ImageFile> image(TemplateImage which) {
		UUID tenant = CurrentActor.tenantId();
		return templates.current(tenant)
			.map(t -> t.image(which))
			.flatMap(id -> templates.describe(tenant, id)
				.flatMap(image -> templates.content(tenant, id).map(c -> new ImageFile(image.mediaType(), c))));
	}

	/**
	 * A sample certificate of the tenant rendered with the current template, its QR code
	 * linking to the given address.
	 */
	@Transactional(readOnly = true)
	public byte[] preview(String verificationUrl) {
		UUID tenant = CurrentActor.tenantId();
		LocalDate today = runs.today(tenant);
		String provider = tenants.find(tenant).map(t -> t.name()).orElse("Training provider");
		CertificateView sample = new CertificateView(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				UUID.randomUUID(), "PREVIEW", "preview", "Sample Learner Name", "COURSE-CODE", "Sample course title",
				"RUN-REFERENCE", today.minusDays(30), today, provider, BigDecimal.valueOf(100), today, clock.instant(),
				CertificateStatus.VALID, null, null, false, null, null);
		return CertificatePdf.render(sample, content(tenant, templates.current(tenant).map(t -> t.id()).orElse(null)),
				verificationUrl);
	}

	/** The tenant's current template version, which a certificate issued now keeps. */
	Optional<UUID> currentId(UUID tenant) {
		return templates.current(tenant).map(TemplateRepository.Stored::id);
	}

	/** What a certificate issued with this version (none: the built-in one) shows. */
	TemplateContent content(UUID tenant, @Nullable UUID templateId) {
		if (templateId == null) {
			return TemplateContent.BUILT_IN;
		}
		TemplateRepository.Stored t = templates.find(tenant, templateId).orElseThrow();
		return new TemplateContent(t.title(), t.statement(), t.signatoryName(), t.signatoryTitle(),
				t.logoId() == null ? null : templates.content(tenant, t.logoId()).orElseThrow(),
				t.signatureId() == null ? null : templates.content(tenant, t.signatureId()).orElseThrow());
	}

	private CertificateTemplate.@Nullable Image describe(UUID tenant, @Nullable UUID imageId) {
		return imageId == null ? null : templates.describe(tenant, imageId).orElse(null);
	}

	private static Wording clean(Wording wording, List<Map<String, String>> errors) {
		return new Wording(line("title", wording.title(), true, TITLE_MAX, errors),
				line("statement", wording.statement(), true, STATEMENT_MAX, errors),
				line("signatory_name", wording.signatoryName(), false, SIGNATORY_MAX, errors),
				line("signatory_title", wording.signatoryTitle(), false, SIGNATORY_MAX, errors));
	}

	/** A line of plain text, trimmed; blank is none. */
	private static @Nullable String line(String field, @Nullable String value, boolean required, int max,
			List<Map<String, String>> errors) {
		String text = value == null ? "" : value.strip();
		if (text.isEmpty()) {
			if (required) {
				errors.add(Map.of("field", field, "message", "must not be blank"));
			}
			return null;
		}
		if (text.codePointCount(0, text.length()) > max) {
			errors.add(Map.of("field", field, "message", "must be at most " + max + " characters"));
		}
		else if (text.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
			errors.add(Map.of("field", field, "message", "must be one line of plain text"));
		}
		return text;
	}

	private static ImageCheck.@Nullable Checked check(TemplateImage which, @Nullable ImageChange change,
			List<Map<String, String>> errors) {
		if (change == null || change.content() == null) {
			return null;
		}
		try {
			return ImageCheck.verify(which.label(), change.content());
		}
		catch (CohortException ex) {
			if (ex.code() != ProblemCode.VALIDATION_FAILED) {
				throw ex;
			}
			@SuppressWarnings("unchecked")
			List<Map<String, String>> refused = (List<Map<String, String>>) ex.properties().get("errors");
			errors.addAll(refused);
			return null;
		}
	}

	private @Nullable UUID imageId(UUID tenant, TemplateImage which, @Nullable ImageChange change,
			ImageCheck.@Nullable Checked checked, Optional<TemplateRepository.Stored> before, Instant now) {
		if (change == null) {
			return before.map(t -> t.image(which)).orElse(null);
		}
		return checked == null ? null : templates.saveImage(tenant, checked, now);
	}

}
