package io.cohort.scheduling;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One session of a class run.
 */
public record SessionView(UUID id, UUID runId, LocalDate date, LocalTime startTime, LocalTime endTime,
		String modeOfTraining, @Nullable UUID trainerId, @Nullable String trainerName, String venue,
		boolean cancelled) {

	/** The session's length in hours, to two decimals. */
	public BigDecimal hours() {
		return BigDecimal.valueOf(Duration.between(startTime, endTime).toMinutes())
			.divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
	}

}
