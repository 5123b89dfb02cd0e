package io.cohort.system;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public probes: liveness ({@code /healthz}), readiness including the database
 * ({@code /readiness}), and seed 003's {@code /v1/health}.
 */
@RestController
class HealthController {

	/** How long a readiness probe waits for the database before it answers DOWN. */
	static final Duration DATABASE_PATIENCE = Duration.ofMillis(600);

	private final ApplicationAvailability availability;

	private final DatabaseProbe database;

	HealthController(ApplicationAvailability availability, DataSource dataSource) {
		this.availability = availability;
		this.database = new DatabaseProbe(dataSource, DATABASE_PATIENCE);
	}

	@GetMapping("/healthz")
	Map<String, String> liveness() {
		return Map.of("status", "UP");
	}

	/**
	 * Ready: accepting traffic and the database answers. Answers within
	 * {@link #DATABASE_PATIENCE} whatever the database does, with the reason when DOWN.
	 */
	@GetMapping("/readiness")
	ResponseEntity<Readiness> readiness() {
		boolean accepting = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
		DatabaseProbe.Answer database = this.database.check();
		boolean up = accepting && database.up();
		String reason = !accepting ? "the instance is not accepting traffic" : database.reason();
		return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.body(new Readiness(up ? "UP" : "DOWN", database.up() ? "UP" : "DOWN", reason));
	}

	/** The readiness answer; {@code reason} says why it is DOWN. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Readiness(String status, String database, @Nullable String reason) {
	}

	@GetMapping("/v1/health")
	Map<String, String> seedHealth() {
		return Map.of("status", "healthy");
	}

}
