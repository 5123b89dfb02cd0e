package io.cohort.crm;

import java.util.Locale;
import java.util.Optional;

/**
 * The four kinds of Zoho record the webhooks take, with the names seed 003 gives them.
 */
public enum ZohoEntity {

	STUDENTS("student", "Student"), PROGRAMS("program", "Program"), CLASSES("class", "Class"),
	ENROLLMENTS("enrollment", "Enrollment");

	private final String singular;

	private final String label;

	ZohoEntity(String singular, String label) {
		this.singular = singular;
		this.label = label;
	}

	/** The path segment, such as {@code programs}. */
	public String path() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The entity as stored, such as {@code program}. */
	public String singular() {
		return singular;
	}

	/** The result's id key, such as {@code zoho_program_id}. */
	public String idKey() {
		return "zoho_" + singular + "_id";
	}

	String label() {
		return label;
	}

	public static Optional<ZohoEntity> ofPath(String path) {
		for (ZohoEntity entity : values()) {
			if (entity.path().equals(path)) {
				return Optional.of(entity);
			}
		}
		return Optional.empty();
	}

}
