package io.cohort.scheduling;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A trainer, optionally linked to the user account they log in with.
 */
public record TrainerView(UUID id, String fullName, String email, @Nullable UUID userId, Instant createdAt) {
}
