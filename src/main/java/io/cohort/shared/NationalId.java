package io.cohort.shared;

import java.util.Locale;
import java.util.Objects;

/**
 * A learner's national identity number. NRIC (SP, SB) and FIN (SO) numbers are checked
 * against their check letter. {@link #toString()} and {@link #masked()} never show the
 * whole number.
 */
public final class NationalId {

	private static final int[] WEIGHTS = { 2, 7, 6, 5, 4, 3, 2 };

	private static final String ST_LETTERS = "JZIHGFEDCBA";

	private static final String FG_LETTERS = "XWUTRQPNMLK";

	private static final String M_LETTERS = "XWUTRQPNJLK";

	private final IdType type;

	private final String value;

	private NationalId(IdType type, String value) {
		this.type = type;
		this.value = value;
	}

	/**
	 * Parses and validates an id of the given type.
	 * @throws IllegalArgumentException with a message fit for the caller when it is not
	 * valid
	 */
	public static NationalId of(IdType type, String raw) {
		Objects.requireNonNull(type, "type");
		String value = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
		if (type.checksummed()) {
			if (!value.matches("[STFGM]\\d{7}[A-Z]")) {
				throw new IllegalArgumentException("must be an NRIC or FIN such as S1234567D");
			}
			char prefix = value.charAt(0);
			boolean nric = prefix == 'S' || prefix == 'T';
			if ((type == IdType.SO) == nric) {
				throw new IllegalArgumentException(
						type == IdType.SO ? "a FIN starts with F, G or M" : "an NRIC starts with S or T");
			}
			if (value.charAt(8) != checkLetter(value)) {
				throw new IllegalArgumentException("has a wrong check letter");
			}
		}
		else if (!value.matches("[A-Z0-9-]{4,20}")) {
			throw new IllegalArgumentException("must be 4 to 20 letters, digits or hyphens");
		}
		return new NationalId(type, value);
	}

	static char checkLetter(String id) {
		int sum = 0;
		for (int i = 0; i < 7; i++) {
			sum += (id.charAt(i + 1) - '0') * WEIGHTS[i];
		}
		char prefix = id.charAt(0);
		if (prefix == 'T' || prefix == 'G') {
			sum += 4;
		}
		else if (prefix == 'M') {
			sum += 3;
		}
		int index = sum % 11;
		return switch (prefix) {
			case 'S', 'T' -> ST_LETTERS.charAt(index);
			case 'F', 'G' -> FG_LETTERS.charAt(index);
			default -> M_LETTERS.charAt(index);
		};
	}

	public IdType type() {
		return type;
	}

	/** The clear value: only for encryption and audited reveals. */
	public String value() {
		return value;
	}

	/** The first character, four stars and the last four: {@code S****567D}. */
	public String masked() {
		return mask(value);
	}

	/**
	 * Masks any id the same way, keeping at most the first character and the last four.
	 */
	public static String mask(String value) {
		if (value.length() <= 5) {
			return "*".repeat(value.length());
		}
		return value.charAt(0) + "****" + value.substring(value.length() - 4);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof NationalId id && id.type == type && id.value.equals(value);
	}

	@Override
	public int hashCode() {
		return Objects.hash(type, value);
	}

	@Override
	public String toString() {
		return type + ":" + masked();
	}

}
