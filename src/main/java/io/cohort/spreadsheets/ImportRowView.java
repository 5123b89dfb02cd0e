package io.cohort.spreadsheets;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One row of an import and what became of it; a national id in {@code data} is always
 * masked.
 *
 * @param rowNumber the row as a spreadsheet numbers it (the header is row 1)
 * @param outcome absent until the row is processed
 * @param entityId the learner or enrolment created, or the existing one a duplicate
 * matched
 */
public record ImportRowView(int rowNumber, Map<String, String> data, @Nullable RowOutcome outcome,
		@Nullable String message, @Nullable UUID entityId) {
}
