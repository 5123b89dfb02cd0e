package io.cohort.certification;

import org.jspecify.annotations.Nullable;

/**
 * What a certificate's PDF is rendered with: the template version it was issued with, or
 * the built-in wording for one issued before the tenant had a template.
 */
record TemplateContent(String title, String statement, @Nullable String signatoryName, @Nullable String signatoryTitle,
		byte @Nullable [] logo, byte @Nullable [] signature) {

	static final String DEFAULT_TITLE = "Certificate of Completion";

	static final String DEFAULT_STATEMENT = "has completed the course";

	/** The wording of certificates before a tenant changes its template. */
	static final TemplateContent BUILT_IN = new TemplateContent(DEFAULT_TITLE, DEFAULT_STATEMENT, null, null, null,
			null);

}
