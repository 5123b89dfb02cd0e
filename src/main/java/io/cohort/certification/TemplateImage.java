package io.cohort.certification;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The images a certificate template may carry: the provider's logo at the top and the
 * signatory's signature above their name.
 */
public enum TemplateImage {

	LOGO("logo"), SIGNATURE("signature");

	private final String label;

	TemplateImage(String label) {
		this.label = label;
	}

	/** Its name in paths, fields and messages: {@code logo}, {@code signature}. */
	public String label() {
		return label;
	}

	/** The image named so in a path, if it is one. */
	public static Optional<TemplateImage> of(String label) {
		return Arrays.stream(values()).filter(i -> i.label.equals(label.toLowerCase(Locale.ROOT))).findFirst();
	}

}
