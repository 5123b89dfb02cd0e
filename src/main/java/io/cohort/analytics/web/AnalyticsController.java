package io.cohort.analytics.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.analytics.AnalyticsManagement;
import io.cohort.analytics.AnalyticsSettingsManagement;
import io.cohort.analytics.IngestionManagement;
import io.cohort.analytics.XapiStatements;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The analytics API: sources (ADMIN), each run's MOOC course, ingestion and unmatched
 * users (ADMIN, OPS), learners at risk (staff), the model (ADMIN), and the xAPI
 * statements endpoint (an integration API key).
 */
@RestController
class AnalyticsController {

	private final AnalyticsSettingsManagement settings;

	private final AnalyticsManagement analytics;

	private final IngestionManagement ingestion;

	private final XapiStatements statements;

	AnalyticsController(AnalyticsSettingsManagement settings, AnalyticsManagement analytics,
			IngestionManagement ingestion, XapiStatements statements) {
		this.settings = settings;
		this.analytics = analytics;
		this.ingestion = ingestion;
		this.statements = statements;
	}

	record UpdateAnalyticsSettings(@NotBlank @Size(max = 300) String moocBaseUrl,
			@Nullable @Size(max = 500) String moocToken, @NotBlank @Size(max = 300) String h5pBaseUrl,
			@Nullable @Size(max = 500) String h5pToken, @Nullable @DecimalMin(value = "0",
					inclusive = false) @DecimalMax(value = "1", inclusive = false) BigDecimal riskThreshold,
			@Nullable @Min(1) @Max(1000) Integer pageSize) {
	}

	record LinkCourse(@NotBlank @Size(max = 200) String moocCourseId) {
	}

	record LinkUser(@NotNull @Min(1) Long moocUserId, @NotNull UUID learnerId) {
	}

	@GetMapping("/api/v1/settings/analytics")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<AnalyticsSettingsManagement.AnalyticsSettingsView> get() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(settings.get());
	}

	@PutMapping("/api/v1/settings/analytics")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<AnalyticsSettingsManagement.AnalyticsSettingsView> update(
			@Valid @RequestBody UpdateAnalyticsSettings request) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(settings
				.update(new AnalyticsSettingsManagement.SettingsChange(request.moocBaseUrl(), request.moocToken(),
						request.h5pBaseUrl(), request.h5pToken(), request.riskThreshold(), request.pageSize())));
	}

	@GetMapping("/api/v1/analytics/runs/{id}/course")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	AnalyticsManagement.RunCourse course(@PathVariable UUID id) {
		return analytics.course(id);
	}

	@PutMapping("/api/v1/analytics/runs/{id}/course")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	AnalyticsManagement.RunCourse link(@PathVariable UUID id, @Valid @RequestBody LinkCourse request) {
		return analytics.link(id, request.moocCourseId());
	}

	@PostMapping("/api/v1/analytics/runs/{id}/ingest")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	IngestionManagement.IngestionView ingest(@PathVariable UUID id) {
		return ingestion.ingest(id);
	}

	@GetMapping("/api/v1/analytics/runs/{id}/ingestion")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	IngestionManagement.IngestionView ingestion(@PathVariable UUID id) {
		return ingestion.state(id);
	}

	@GetMapping("/api/v1/analytics/runs/{id}/learners")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	Map<String, List<AnalyticsManagement.LearnerRisk>> learners(@PathVariable UUID id) {
		return Map.of("items", analytics.learners(id));
	}

	@GetMapping("/api/v1/analytics/runs/{id}/learners/{userId}/trajectory")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	Map<String, List<AnalyticsManagement.Point>> trajectory(@PathVariable UUID id, @PathVariable long userId) {
		return Map.of("items", analytics.trajectory(id, userId));
	}

	@GetMapping("/api/v1/analytics/runs/{id}/unmatched")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	Map<String, List<AnalyticsManagement.Unmatched>> unmatched(@PathVariable UUID id) {
		return Map.of("items", analytics.unmatched(id));
	}

	@PostMapping("/api/v1/analytics/runs/{id}/links")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	ResponseEntity<Void> linkUser(@PathVariable UUID id, @Valid @RequestBody LinkUser request) {
		analytics.linkUser(id, request.moocUserId(), request.learnerId());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/analytics/model")
	@PreAuthorize("hasRole('ADMIN')")
	AnalyticsManagement.ModelView model() {
		return analytics.model();
	}

	@PostMapping("/api/v1/analytics/model/train")
	@PreAuthorize("hasRole('ADMIN')")
	AnalyticsManagement.ModelView train() {
		return analytics.train();
	}

	@PostMapping("/api/v1/xapi/statements")
	@PreAuthorize("hasRole('INTEGRATION')")
	ResponseEntity<List<UUID>> statements(
			@RequestHeader(name = "X-Experience-API-Version", required = false) @Nullable String version,
			@RequestBody JsonNode body) {
		XapiStatements.checkVersion(version);
		return ResponseEntity.ok().header("X-Experience-API-Version", "1.0.3").body(statements.store(body));
	}

}
