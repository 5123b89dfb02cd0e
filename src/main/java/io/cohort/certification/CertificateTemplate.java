package io.cohort.certification;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The tenant's current certificate template: its version (0 for the built-in one, before
 * any change), the wording, the signatory, and what the logo and signature images are.
 * Certificates keep the version they were issued with.
 */
public record CertificateTemplate(int version, String title, String statement, @Nullable String signatoryName,
		@Nullable String signatoryTitle, @Nullable Image logo, @Nullable Image signature, @Nullable String updatedBy,
		@Nullable Instant updatedAt) {

	/** An image of the template, as verified when it was uploaded. */
	public record Image(String mediaType, int width, int height, int sizeBytes) {
	}

}
