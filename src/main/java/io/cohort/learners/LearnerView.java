package io.cohort.learners;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.cohort.shared.IdType;
import org.jspecify.annotations.Nullable;

/**
 * A learner as every response shows them: the national id only ever masked
 * ({@code S****567D}).
 */
public record LearnerView(UUID id, String fullName, String email, String phone, IdType idType, String nationalIdMasked,
		@Nullable LocalDate dateOfBirth, boolean consent, @Nullable UUID userId, Instant createdAt, Instant updatedAt) {
}
