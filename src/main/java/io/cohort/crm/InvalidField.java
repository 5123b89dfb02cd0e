package io.cohort.crm;

/**
 * A field of a Zoho record that is missing, of the wrong type, or holds a value Cohort
 * does not know: the record is INVALID, naming the field.
 */
class InvalidField extends RuntimeException {

	private final String field;

	InvalidField(String field, String problem) {
		super(field + " " + problem, null, false, false);
		this.field = field;
	}

	String field() {
		return field;
	}

}
