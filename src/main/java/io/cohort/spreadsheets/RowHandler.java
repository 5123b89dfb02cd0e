package io.cohort.spreadsheets;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;

/**
 * Turns one row of one kind of import into a learner or an enrolment, inside the row's
 * own transaction. A rule the facades enforce surfaces as a {@link CohortException},
 * which the worker records as the row's outcome after rolling the row back.
 */
interface RowHandler {

	ImportKind kind();

	/** Every column a file may have, in order. */
	List<String> columns();

	/** The columns a file must have. */
	java.util.Set<String> required();

	/** Creates what the row describes, or answers why it is a duplicate. */
	Result handle(ImportJobView job, Map<String, String> values);

	/**
	 * What a failure the facade reported makes of a row: a duplicate or an invalid row.
	 */
	Result failed(CohortException failure);

	/** What became of a row. */
	record Result(RowOutcome outcome, String message, @Nullable UUID entityId) {
	}

	/**
	 * A row's outcome message for a failure: the code with its detail, or each invalid
	 * field.
	 */
	static String describe(CohortException failure) {
		if (failure.code() == ProblemCode.VALIDATION_FAILED
				&& failure.properties().get("errors") instanceof List<?> errors && !errors.isEmpty()) {
			return errors.stream()
				.filter(Map.class::isInstance)
				.map(Map.class::cast)
				.map(error -> error.get("field") + ": " + error.get("message"))
				.sorted(Comparator.naturalOrder())
				.collect(Collectors.joining("; "));
		}
		return failure.code().code() + ": " + failure.getMessage();
	}

}
