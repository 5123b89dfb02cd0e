package io.cohort.spreadsheets;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An import job with its counts.
 *
 * @param progressPercent processed rows as a whole percentage of all rows (100 for an
 * empty file)
 * @param failure why a FAILED job stopped
 * @param createdBy the email of the user who uploaded the file
 */
public record ImportJobView(UUID id, ImportKind kind, @Nullable UUID runId, String fileName, ImportStatus status,
		int totalRows, int processedRows, int created, int duplicates, int invalid, int skipped, int progressPercent,
		@Nullable String failure, String createdBy, Instant createdAt, @Nullable Instant startedAt,
		@Nullable Instant finishedAt) {
}
