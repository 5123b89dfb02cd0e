package io.cohort.system;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public probes: liveness ({@code /healthz}), readiness including the database
 * ({@code /readiness}), and seed 003's {@code /v1/health}.
 */
@RestController
class HealthController {

	private final ApplicationAvailability availability;

	private final JdbcClient jdbc;

	HealthController(ApplicationAvailability availability, DataSource dataSource) {
		this.availability = availability;
		this.jdbc = JdbcClient.create(dataSource);
	}

	@GetMapping("/healthz")
	Map<String, String> liveness() {
		return Map.of("status", "UP");
	}

	@GetMapping("/readiness")
	ResponseEntity<Map<String, String>> readiness() {
		boolean accepting = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
		boolean database = databaseAnswers();
		HttpStatus status = accepting && database ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
		return ResponseEntity.status(status)
			.body(Map.of("status", status == HttpStatus.OK ? "UP" : "DOWN", "database", database ? "UP" : "DOWN"));
	}

	@GetMapping("/v1/health")
	Map<String, String> seedHealth() {
		return Map.of("status", "healthy");
	}

	private boolean databaseAnswers() {
		try {
			return jdbc.sql("SELECT 1").query(Integer.class).single() == 1;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
