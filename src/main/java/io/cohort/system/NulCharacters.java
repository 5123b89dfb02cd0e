package io.cohort.system;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one rule for text at the edge: no NUL character (U+0000), which PostgreSQL cannot
 * store. It is refused as a {@code validation-failed} field error before any module sees
 * it, in JSON bodies through a Jackson module and in parameters and headers through
 * {@link NulCharacterFilter}.
 */
final class NulCharacters {

	static final String MESSAGE = "must not contain a NUL character";

	private NulCharacters() {
	}

	static boolean contain(@Nullable String text) {
		return text != null && text.indexOf('\u0000') >= 0;
	}

	/**
	 * A Jackson module whose strings refuse a NUL character, naming the JSON path of the
	 * field.
	 */
	static SimpleModule jacksonModule() {
		SimpleModule module = new SimpleModule("cohort-nul-characters");
		module.addDeserializer(String.class, new RefusingStrings());
		return module;
	}

	/**
	 * The field error for a request body that a {@link RefusingStrings} refused, if that
	 * is why it failed.
	 */
	static @Nullable CohortException refusal(Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof Refused refused) {
				return CohortException.invalidField(refused.field(), MESSAGE);
			}
		}
		return null;
	}

	/** Jackson's own string deserializer, plus the check. */
	private static final class RefusingStrings extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			String value = super.deserialize(parser, context);
			if (contain(value)) {
				throw new Refused(parser, value);
			}
			return value;
		}

	}

	/** Thrown by the deserializer; Jackson adds the path of the field as it unwinds. */
	static final class Refused extends InvalidFormatException {

		Refused(JsonParser parser, String value) {
			super(parser, "A string " + MESSAGE, value, String.class);
		}

		/** The JSON path of the refused value, such as {@code modules[0].title}. */
		String field() {
			StringBuilder path = new StringBuilder();
			for (JacksonException.Reference reference : getPath()) {
				if (reference.getPropertyName() != null) {
					path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
				}
				else if (reference.getIndex() >= 0) {
					path.append('[').append(reference.getIndex()).append(']');
				}
			}
			return path.toString();
		}

	}

}
