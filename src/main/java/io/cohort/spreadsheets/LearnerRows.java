package io.cohort.spreadsheets;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.shared.IdType;
import io.cohort.shared.NationalId;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Learner rows: each goes through {@link LearnerManagement#register} (validation,
 * encryption, audit); a national id the tenant already has is a duplicate.
 */
@Component
class LearnerRows implements RowHandler {

	static final List<String> COLUMNS = List.of("full_name", "email", "phone", "id_type", "national_id",
			"date_of_birth", "consent");

	private static final String PHONE = "\\+?[0-9 ()-]{6,20}";

	/** A date of birth as the template shows it. */
	static final String EXAMPLE_DATE = "31/12/1990";

	private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("d/M/uuuu")
		.withResolverStyle(ResolverStyle.STRICT);

	/** The template's one example row, in the order of {@link #COLUMNS}. */
	static final List<String> EXAMPLE = List.of("Tan Ah Kow", "ahkow.tan@example.com", "+65 9123 4567", "SP",
			"S1234567D", EXAMPLE_DATE, "yes");

	private final LearnerManagement learners;

	private final ImportRepository imports;

	private final Validator validator;

	LearnerRows(LearnerManagement learners, ImportRepository imports, Validator validator) {
		this.learners = learners;
		this.imports = imports;
		this.validator = validator;
	}

	/** The columns checked as the API checks a new learner. */
	record Contact(@NotBlank @Size(max = 200) String fullName, @NotBlank @Email @Size(max = 254) String email,
			@Nullable @Pattern(regexp = PHONE, message = "must be a phone number") String phone,
			@NotBlank @Size(max = 20) String nationalId) {
	}

	@Override
	public ImportKind kind() {
		return ImportKind.LEARNERS;
	}

	@Override
	public List<String> columns() {
		return COLUMNS;
	}

	@Override
	public Set<String> required() {
		return Set.of("full_name", "email", "id_type", "national_id");
	}

	@Override
	public Result handle(ImportJobView job, Map<String, String> values) {
		FieldErrors errors = new FieldErrors();
		Contact contact = new Contact(value(values, "full_name"), value(values, "email"),
				blankToNull(value(values, "phone")), value(values, "national_id"));
		errors.addAll(validator.validate(contact));
		IdType idType = idType(value(values, "id_type"), errors);
		LocalDate dateOfBirth = date(value(values, "date_of_birth"), errors);
		boolean consent = consent(value(values, "consent"), errors);
		if (idType != null && !contact.nationalId().isBlank()) {
			try {
				NationalId.of(idType, contact.nationalId());
			}
			catch (IllegalArgumentException ex) {
				errors.add("national_id", String.valueOf(ex.getMessage()));
			}
		}
		errors.throwIfAny();
		IdType type = Objects.requireNonNull(idType);
		Optional<UUID> existing = learners.findByNationalId(type, contact.nationalId());
		if (existing.isPresent()) {
			return duplicate(job, existing.get(),
					NationalId.mask(contact.nationalId().trim().toUpperCase(Locale.ROOT)));
		}
		LearnerView learner = learners.register(new LearnerManagement.NewLearner(contact.fullName(), contact.email(),
				contact.phone(), type, contact.nationalId(), dateOfBirth, consent, null));
		return new Result(RowOutcome.CREATED,
				"Registered " + learner.fullName() + " (" + learner.nationalIdMasked() + ")", learner.id());
	}

	@Override
	public Result failed(CohortException failure) {
		RowOutcome outcome = failure.code() == ProblemCode.NATIONAL_ID_TAKEN ? RowOutcome.DUPLICATE
				: RowOutcome.INVALID;
		return new Result(outcome, RowHandler.describe(failure), null);
	}

	private Result duplicate(ImportJobView job, UUID learner, String masked) {
		String where = imports.rowThatCreated(CurrentActor.tenantId(), job.id(), learner)
			.map(row -> " (created from row " + row + " of this file)")
			.orElse("");
		return new Result(RowOutcome.DUPLICATE,
				"national-id-taken: A learner with national id " + masked + " already exists" + where, learner);
	}

	private static @Nullable IdType idType(String value, FieldErrors errors) {
		if (value.isBlank()) {
			errors.add("id_type", "must not be blank");
			return null;
		}
		try {
			return IdType.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			errors.add("id_type", "must be one of SP, SB, SO, FP, OT");
			return null;
		}
	}

	/**
	 * A date as Singapore writes it (31/12/1990, day first) or as ISO 8601 (1990-12-31);
	 * never month first, which would read 03/04 wrongly without a word.
	 */
	static @Nullable LocalDate date(String value, FieldErrors errors) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return value.contains("/") ? LocalDate.parse(value.trim(), DAY_FIRST) : LocalDate.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			errors.add("date_of_birth", "must be a date such as " + EXAMPLE_DATE + " (day/month/year) or 1990-12-31");
			return null;
		}
	}

	/**
	 * The learner's consent to their data being kept: as on the form, a learner without
	 * it (no, false or blank) is not registered.
	 */
	static boolean consent(String value, FieldErrors errors) {
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "true", "yes" -> true;
			case "false", "no", "" -> {
				errors.add("consent", "must be yes: the learner must consent to their data being kept");
				yield false;
			}
			default -> {
				errors.add("consent", "must be yes (or true)");
				yield false;
			}
		};
	}

	static String value(Map<String, String> values, String column) {
		return values.getOrDefault(column, "");
	}

	private static @Nullable String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}

}
