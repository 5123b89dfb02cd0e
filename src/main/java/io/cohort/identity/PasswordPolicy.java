package io.cohort.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * What a new password must be (NIST SP 800-63B): 12 to 128 characters, not one of the
 * 10,000 most common passwords (nor one with digits or symbols tacked on), no long runs
 * of one character, no sequences or repeated chunks, and not built from the account's
 * email or its tenant's slug or name: one that contains them is refused when what is left
 * without them is short (under 8 characters) or itself weak, as {@code jane.tan2026} or
 * {@code acme-password1} for jane.tan@… of tenant acme.
 */
final class PasswordPolicy {

	static final int MIN_LENGTH = 12;

	static final int MAX_LENGTH = 128;

	static final String TOO_COMMON = "password-too-common";

	static final String TOO_PREDICTABLE = "password-too-predictable";

	static final String TOO_PERSONAL = "password-too-personal";

	private static final List<String> KEYBOARD_ROWS = List.of("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm",
			"abcdefghijklmnopqrstuvwxyz");

	private final Set<String> common;

	private PasswordPolicy(Set<String> common) {
		this.common = common;
	}

	/** The policy with the bundled list of common passwords. */
	static PasswordPolicy bundled() {
		try (InputStream in = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt")) {
			if (in == null) {
				throw new IllegalStateException("identity/common-passwords.txt is missing from the classpath");
			}
			Set<String> words = new HashSet<>();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank() && !line.startsWith("#")) {
					words.add(line.strip().toLowerCase(Locale.ROOT));
				}
			}
			return new PasswordPolicy(Set.copyOf(words));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Who the password is for: the account's email and, for tenant users, the tenant's
	 * slug and name.
	 */
	record Context(@Nullable String email, @Nullable String tenantSlug, @Nullable String tenantName) {

		static Context platform(String email) {
			return new Context(email, null, null);
		}

	}

	/** Refuses the password with a field error on {@code field}, or returns quietly. */
	void check(String field, String password, Context context) {
		if (password.length() < MIN_LENGTH) {
			throw CohortException.invalidField(field, "must be at least " + MIN_LENGTH + " characters");
		}
		if (password.length() > MAX_LENGTH) {
			throw CohortException.invalidField(field, "must be at most " + MAX_LENGTH + " characters");
		}
		weakness(password, context).ifPresent(code -> {
			throw refused(field, code);
		});
	}

	/** Why the password is too easy to guess, as a code, if it is. */
	Optional<String> weakness(String password, Context context) {
		String lower = password.toLowerCase(Locale.ROOT);
		if (isCommon(lower)) {
			return Optional.of(TOO_COMMON);
		}
		if (isPredictable(lower)) {
			return Optional.of(TOO_PREDICTABLE);
		}
		if (isPersonal(lower, context)) {
			return Optional.of(TOO_PERSONAL);
		}
		return Optional.empty();
	}

	private boolean isCommon(String lower) {
		if (common.contains(lower)) {
			return true;
		}
		String stem = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", ""); // "!!password1234"
																		// -> "password"
		String unleet = unleet(stem);
		return !stem.isEmpty() && (common.contains(stem) || common.contains(unleet) || common.contains(unleet(lower)));
	}

	/**
	 * A run of five of one character, a sequence of five, or the same chunk over and
	 * over.
	 */
	private static boolean isPredictable(String lower) {
		int run = 1;
		for (int i = 1; i < lower.length(); i++) {
			run = lower.charAt(i) == lower.charAt(i - 1) ? run + 1 : 1;
			if (run >= 5) {
				return true;
			}
		}
		for (String row : KEYBOARD_ROWS) {
			String reversed = new StringBuilder(row).reverse().toString();
			for (int i = 0; i + 5 <= row.length(); i++) {
				if (lower.contains(row.substring(i, i + 5)) || lower.contains(reversed.substring(i, i + 5))) {
					return true;
				}
			}
		}
		for (int unit = 1; unit <= lower.length() / 2; unit++) {
			if (lower.length() % unit == 0 && lower.substring(0, unit).repeat(lower.length() / unit).equals(lower)) {
				return true;
			}
		}
		return false;
	}

	private boolean isPersonal(String lower, Context context) {
		String plain = alphanumeric(lower);
		for (String term : terms(context)) {
			if (term.length() < 3 || !plain.contains(term)) {
				continue;
			}
			String rest = plain.replace(term, "");
			if (rest.length() < 8 || isCommon(rest) || isPredictable(rest)) {
				return true;
			}
		}
		return false;
	}

	/** The email's local part (whole and in pieces), the tenant's slug and its name. */
	private static List<String> terms(Context context) {
		List<String> terms = new ArrayList<>();
		if (context.email() != null) {
			String local = context.email().toLowerCase(Locale.ROOT).split("@", 2)[0];
			terms.add(alphanumeric(local));
			for (String piece : local.split("[^\\p{L}\\p{N}]+")) {
				terms.add(piece);
			}
		}
		if (context.tenantSlug() != null) {
			terms.add(alphanumeric(context.tenantSlug().toLowerCase(Locale.ROOT)));
		}
		if (context.tenantName() != null) {
			String name = context.tenantName().toLowerCase(Locale.ROOT);
			terms.add(alphanumeric(name));
		}
		return terms.stream().filter(t -> !t.isEmpty()).distinct().toList();
	}

	private static String alphanumeric(String text) {
		return text.replaceAll("[^\\p{L}\\p{N}]", "");
	}

	private static String unleet(String text) {
		return text.replace('@', 'a')
			.replace('4', 'a')
			.replace('3', 'e')
			.replace('0', 'o')
			.replace('$', 's')
			.replace('5', 's')
			.replace('1', 'i')
			.replace('!', 'i')
			.replace('7', 't');
	}

	private static CohortException refused(String field, String code) {
		String message = switch (code) {
			case TOO_COMMON -> "is one of the most common passwords; choose one that is harder to guess";
			case TOO_PREDICTABLE -> "repeats characters or follows a sequence; choose one that is harder to guess";
			default -> "is built from the email or the organisation's name; choose one that is harder to guess";
		};
		return new CohortException(ProblemCode.VALIDATION_FAILED, "The request is invalid",
				Map.of("errors", List.of(Map.of("field", field, "message", message, "code", code))));
	}

}
