package io.cohort.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.identity.CurrentActor;
import io.cohort.jobs.JobQueue;
import io.cohort.jobs.JobStatus;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.shared.AuditFact;
import io.cohort.system.CohortException;
import io.cohort.system.OutboundUrlPolicy;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's ingestion from the tenant's MOOC and H5P sources: the MOOC's exports page by
 * page, each user's H5P answers, then the feature rows. Each page is written in one
 * transaction with the cursor that follows it, so an ingestion killed at any point
 * resumes where it stopped; every write is an upsert that changes only what differs, so
 * ingesting twice changes nothing. A failure leaves the run FAILED at its cursor with the
 * reason and, in the same transaction, an outbound job ({@link IngestionJobs}) whose
 * attempts resume from there with the queue's backoff, budget and circuit breaker; an
 * ingestion on demand resumes from there too. One ingestion per run at a time: a lease
 * guards it, and a crashed one's lease expires.
 */
@Service
public class IngestionManagement {

	private static final Logger log = LoggerFactory.getLogger(IngestionManagement.class);

	/** How long an ingestion holds its run before another may take over. */
	static final Duration LEASE = Duration.ofMinutes(10);

	/** The outbound jobs' target and operation that resume a failed ingestion. */
	static final String TARGET = "ANALYTICS";

	static final String OPERATION = "INGEST";

	/** The entity of an ingestion job: the class run, by its id. */
	static final String ENTITY = "analytics_ingestion";

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	/** Users whose H5P answers are fetched per step (and per cursor move). */
	static final int H5P_BATCH = 10;

	private final JdbcClient jdbc;

	private final AnalyticsSettingsManagement settings;

	private final RunCourses courses;

	private final SourceRows rows;

	private final FeatureRows features;

	private final ClassRunManagement runs;

	private final EnrolmentManagement enrolments;

	private final LearnerManagement learners;

	private final OutboundUrlPolicy urls;

	private final JobQueue jobs;

	private final TransactionTemplate tx;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	IngestionManagement(JdbcClient jdbc, AnalyticsSettingsManagement settings, RunCourses courses, SourceRows rows,
			FeatureRows features, ClassRunManagement runs, EnrolmentManagement enrolments, LearnerManagement learners,
			OutboundUrlPolicy urls, JobQueue jobs, TransactionTemplate tx, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.courses = courses;
		this.rows = rows;
		this.features = features;
		this.runs = runs;
		this.enrolments = enrolments;
		this.learners = learners;
		this.urls = urls;
		this.jobs = jobs;
		this.tx = tx;
		this.events = events;
		this.clock = clock;
	}

	/** Where a run's ingestion stands. {@code state} is NOT_STARTED before the first. */
	public record IngestionView(UUID runId, @Nullable String moocCourseId, String state, @Nullable IngestionPhase phase,
			int nextPage, int pagesDone, int rowsSeen, int rowsChanged, int attempts, @Nullable String lastError,
			@Nullable Instant startedAt, @Nullable Instant updatedAt, @Nullable Instant finishedAt) {
	}

	/**
	 * What an attempt came to: where the ingestion stands, and whether its failure (if it
	 * failed) is worth trying again.
	 */
	record Attempt(IngestionView view, boolean retryable) {
	}

	/** The snapshot an ingestion job keeps: the run, and the cursor it failed at. */
	record IngestionJob(UUID runId, String moocCourseId, @Nullable IngestionPhase phase, int nextPage, String error) {
	}

	/** The state of the run's ingestion. */
	public IngestionView state(UUID runId) {
		runs.get(runId);
		UUID tenant = CurrentActor.tenantId();
		return find(tenant, runId)
			.orElseGet(() -> new IngestionView(runId, courses.courseOf(tenant, runId).orElse(null), "NOT_STARTED", null,
					1, 0, 0, 0, 0, null, null, null, null));
	}

	/**
	 * Ingests the run now (resuming an unfinished ingestion from its cursor) and returns
	 * where it ended: DONE, or FAILED with the reason.
	 */
	public IngestionView ingest(UUID runId) {
		return run(runId, false).view();
	}

	/**
	 * An ingestion job's attempt: resumes the run's ingestion, unless one that finished
	 * after the job was written has already caught up.
	 */
	Attempt resume(UUID runId, Instant queuedAt) {
		Optional<IngestionView> state = find(CurrentActor.tenantId(), runId);
		if (state.isPresent() && "DONE".equals(state.get().state()) && state.get().finishedAt() != null
				&& state.get().finishedAt().isAfter(queuedAt)) {
			return new Attempt(state.get(), false);
		}
		return run(runId, true);
	}

	/**
	 * Whether the run's ingestion waits on the job queue: a job resuming it has not
	 * succeeded or been cancelled (a dead letter waits for an operator).
	 */
	boolean queued(UUID tenant, UUID runId) {
		return jobs.ofEntity(tenant, ENTITY, runId)
			.stream()
			.anyMatch(job -> job.status() != JobStatus.SUCCEEDED && job.status() != JobStatus.CANCELLED);
	}

	private Attempt run(UUID runId, boolean queued) {
		runs.get(runId);
		UUID tenant = CurrentActor.tenantId();
		String course = courses.courseOf(tenant, runId)
			.orElseThrow(() -> new CohortException(ProblemCode.ANALYTICS_RUN_NOT_LINKED,
					"Link the run to its MOOC course (mooc_course_id) before ingesting it"));
		AnalyticsSettingsManagement.Sources sources = settings.sources(tenant)
			.orElseThrow(() -> new CohortException(ProblemCode.ANALYTICS_NOT_CONFIGURED,
					"Set the MOOC and H5P sources (PUT /api/v1/settings/analytics) first"));
		claim(tenant, runId);
		SourceClient mooc = new SourceClient(sources.mooc(), urls);
		SourceClient h5p = new SourceClient(sources.h5p(), urls);
		Map<String, UUID> byEmail = rosterEmails(runId);
		try {
			IngestionView state = find(tenant, runId).orElseThrow();
			IngestionPhase phase = state.phase();
			int cursor = state.nextPage();
			while (phase != null) {
				IngestionPhase current = phase;
				String path = current.path(course);
				if (path != null) {
					SourceClient.Page page = mooc.page(path, cursor, sources.pageSize());
					int at = cursor;
					tx.executeWithoutResult(status -> {
						int changed = 0;
						Instant now = now();
						for (JsonNode row : page.results()) {
							changed += switch (current) {
								case ENROLLMENTS -> rows.enrollment(tenant, course, row, match(tenant, row, byEmail));
								case GRADES -> rows.grade(tenant, course, row, now);
								case PROGRESS -> rows.progress(tenant, course, row, now);
								case DISCUSSIONS -> rows.discussions(tenant, course, row, now);
								default -> throw new IllegalStateException(current.name());
							};
						}
						advance(tenant, runId, page.more() ? current : current.next(), page.more() ? at + 1 : 1,
								page.results().size(), changed);
					});
					phase = page.more() ? current : current.next();
					cursor = page.more() ? cursor + 1 : 1;
				}
				else if (current == IngestionPhase.H5P) {
					List<Long> users = rows.users(tenant, course);
					int from = cursor - 1;
					int to = Math.min(users.size(), from + H5P_BATCH);
					List<Long> batch = users.subList(Math.min(from, users.size()), to);
					List<String> paths = new ArrayList<>();
					for (Long user : batch) {
						String suffix = "/" + user + "/" + course;
						paths.addAll(List.of("/scores" + suffix, "/video-progress" + suffix, "/dashboard" + suffix));
					}
					List<JsonNode> fetched = h5p.getAll(paths);
					Map<Long, JsonNode[]> answers = new HashMap<>();
					for (int i = 0; i < batch.size(); i++) {
						answers.put(batch.get(i), fetched.subList(3 * i, 3 * i + 3).toArray(JsonNode[]::new));
					}
					boolean more = to < users.size();
					tx.executeWithoutResult(status -> {
						int changed = 0;
						Instant now = now();
						for (Map.Entry<Long, JsonNode[]> answer : answers.entrySet()) {
							changed += h5pAnswers(tenant, course, answer.getKey(), answer.getValue(), now);
						}
						advance(tenant, runId, more ? IngestionPhase.H5P : IngestionPhase.FEATURES, more ? to + 1 : 1,
								answers.size(), changed);
					});
					phase = more ? IngestionPhase.H5P : IngestionPhase.FEATURES;
					cursor = more ? to + 1 : 1;
				}
				else {
					int changed = features.recompute(tenant, runId, course);
					tx.executeWithoutResult(status -> finish(tenant, runId, changed));
					phase = null;
				}
			}
		}
		catch (SourceClient.SourceException ex) {
			fail(tenant, runId, course, ex.getMessage() + (ex.retryable() ? " (will be retried)" : ""), queued);
			return new Attempt(find(tenant, runId).orElseThrow(), ex.retryable());
		}
		catch (RuntimeException ex) {
			log.warn("Ingestion of run {} failed", runId, ex);
			fail(tenant, runId, course, "Ingestion failed: " + ex.getClass().getSimpleName(), queued);
			return new Attempt(find(tenant, runId).orElseThrow(), true);
		}
		return new Attempt(find(tenant, runId).orElseThrow(), false);
	}

	private int h5pAnswers(UUID tenant, String course, long user, JsonNode[] answer, Instant now) {
		int changed = 0;
		for (JsonNode score : answer[0].path("scores")) {
			changed += rows.score(tenant, user, course, score.path("content_id").asLong(),
					score.path("content_title").asString(null), score.path("score").asInt(),
					score.path("max_score").asInt(), now);
		}
		for (JsonNode video : answer[1].path("videos")) {
			changed += rows.video(tenant, user, course, video.path("content_id").asLong(),
					video.path("content_title").asString(null), video.path("progress_percent").asDouble(),
					video.path("current_time").asInt(), video.path("duration").asInt(), now, false);
		}
		if (answer[2].isObject() && answer[2].has("total_items")) {
			changed += rows.dashboard(tenant, course, answer[2]);
		}
		return changed + rows.summarise(tenant, user, course);
	}

	/**
	 * The learner a MOOC user is: the one OPS linked the user to, else the run's learner
	 * with the same email, else none (listed for OPS).
	 */
	private @Nullable UUID match(UUID tenant, JsonNode row, Map<String, UUID> byEmail) {
		long user = row.path("user_id").asLong();
		Optional<UUID> linked = courses.linkedLearner(tenant, user);
		if (linked.isPresent()) {
			return linked.get();
		}
		String email = row.path("email").asString("");
		return byEmail.get(email.trim().toLowerCase(Locale.ROOT));
	}

	private Map<String, UUID> rosterEmails(UUID runId) {
		Map<String, UUID> byEmail = new HashMap<>();
		for (EnrolmentView enrolment : enrolments.roster(runId, EnrolmentStatus.values())) {
			learners.find(enrolment.learnerId())
				.ifPresent(learner -> byEmail.put(learner.email().trim().toLowerCase(Locale.ROOT), learner.id()));
		}
		return byEmail;
	}

	/** Takes the run's lease: starts afresh after a finished ingestion, else resumes. */
	private void claim(UUID tenant, UUID runId) {
		Instant now = now();
		Boolean claimed = tx.execute(status -> {
			int updated = jdbc
				.sql("""
						INSERT INTO analytics_ingestion (tenant_id, run_id, state, phase, next_page, attempts, started_at,
						    updated_at, lease_until)
						VALUES (:tenant, :run, 'RUNNING', 'ENROLLMENTS', 1, 1, :now, :now, :lease)
						ON CONFLICT (tenant_id, run_id) DO UPDATE SET
						    state = 'RUNNING', attempts = analytics_ingestion.attempts + 1, lease_until = :lease,
						    updated_at = :now, last_error = NULL,
						    phase = CASE WHEN analytics_ingestion.state = 'DONE' THEN 'ENROLLMENTS' ELSE analytics_ingestion.phase END,
						    next_page = CASE WHEN analytics_ingestion.state = 'DONE' THEN 1 ELSE analytics_ingestion.next_page END,
						    pages_done = CASE WHEN analytics_ingestion.state = 'DONE' THEN 0 ELSE analytics_ingestion.pages_done END,
						    rows_seen = CASE WHEN analytics_ingestion.state = 'DONE' THEN 0 ELSE analytics_ingestion.rows_seen END,
						    rows_changed = CASE WHEN analytics_ingestion.state = 'DONE' THEN 0 ELSE analytics_ingestion.rows_changed END,
						    started_at = CASE WHEN analytics_ingestion.state = 'DONE' THEN :now ELSE analytics_ingestion.started_at END,
						    finished_at = NULL
						WHERE analytics_ingestion.state <> 'RUNNING' OR analytics_ingestion.lease_until < :now""")
				.param("tenant", tenant)
				.param("run", runId)
				.param("now", Timestamp.from(now))
				.param("lease", Timestamp.from(now.plus(LEASE)))
				.update();
			if (updated == 1) {
				events.publishEvent(AuditFact.of(tenant, "analytics.ingestion.started", "class_run", runId, Map.of()));
			}
			return updated == 1;
		});
		if (!Boolean.TRUE.equals(claimed)) {
			throw new CohortException(ProblemCode.ANALYTICS_INGESTION_RUNNING,
					"The run is being ingested now; follow its progress at GET /api/v1/analytics/runs/" + runId
							+ "/ingestion");
		}
	}

	private void advance(UUID tenant, UUID runId, IngestionPhase phase, int nextPage, int seen, int changed) {
		Instant now = now();
		jdbc.sql("""
				UPDATE analytics_ingestion SET phase = :phase, next_page = :page, pages_done = pages_done + 1,
				    rows_seen = rows_seen + :seen, rows_changed = rows_changed + :changed, updated_at = :now,
				    lease_until = :lease
				WHERE tenant_id = :tenant AND run_id = :run""")
			.param("phase", phase.name())
			.param("page", nextPage)
			.param("seen", seen)
			.param("changed", changed)
			.param("now", Timestamp.from(now))
			.param("lease", Timestamp.from(now.plus(LEASE)))
			.param("tenant", tenant)
			.param("run", runId)
			.update();
	}

	private void finish(UUID tenant, UUID runId, int changed) {
		Instant now = now();
		jdbc.sql("""
				UPDATE analytics_ingestion SET state = 'DONE', phase = 'FEATURES', next_page = 1,
				    rows_changed = rows_changed + :changed, updated_at = :now, finished_at = :now, lease_until = NULL
				WHERE tenant_id = :tenant AND run_id = :run""")
			.param("changed", changed)
			.param("now", Timestamp.from(now))
			.param("tenant", tenant)
			.param("run", runId)
			.update();
		IngestionView done = find(tenant, runId).orElseThrow();
		events.publishEvent(AuditFact.of(tenant, "analytics.ingestion.done", "class_run", runId,
				Map.of("rows_seen", done.rowsSeen(), "rows_changed", done.rowsChanged())));
	}

	/**
	 * Leaves the run FAILED at its cursor; unless a job is already on it (or is this
	 * attempt), writes the job that resumes it, in the same transaction.
	 */
	private void fail(UUID tenant, UUID runId, String course, String reason, boolean queued) {
		tx.executeWithoutResult(status -> {
			jdbc.sql("""
					UPDATE analytics_ingestion SET state = 'FAILED', last_error = :reason, updated_at = :now,
					    lease_until = NULL
					WHERE tenant_id = :tenant AND run_id = :run""")
				.param("reason", reason)
				.param("now", Timestamp.from(now()))
				.param("tenant", tenant)
				.param("run", runId)
				.update();
			events.publishEvent(
					AuditFact.of(tenant, "analytics.ingestion.failed", "class_run", runId, Map.of("reason", reason)));
			if (!queued && !queued(tenant, runId)) {
				IngestionView at = find(tenant, runId).orElseThrow();
				jobs.enqueue(new JobQueue.NewJob(tenant, TARGET, OPERATION, ENTITY, runId,
						"analytics:" + runId + ":ingest:" + at.attempts(),
						JSON.writeValueAsString(new IngestionJob(runId, course, at.phase(), at.nextPage(), reason)),
						null, null));
			}
		});
	}

	private Optional<IngestionView> find(UUID tenant, UUID runId) {
		return jdbc.sql("""
				SELECT i.*, c.mooc_course_id FROM analytics_ingestion i
				LEFT JOIN analytics_run_course c ON c.tenant_id = i.tenant_id AND c.run_id = i.run_id
				WHERE i.tenant_id = :tenant AND i.run_id = :run""")
			.param("tenant", tenant)
			.param("run", runId)
			.query((rs, n) -> new IngestionView(runId, rs.getString("mooc_course_id"), rs.getString("state"),
					IngestionPhase.valueOf(rs.getString("phase")), rs.getInt("next_page"), rs.getInt("pages_done"),
					rs.getInt("rows_seen"), rs.getInt("rows_changed"), rs.getInt("attempts"),
					rs.getString("last_error"), rs.getTimestamp("started_at").toInstant(),
					rs.getTimestamp("updated_at").toInstant(),
					rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant()))
			.optional();
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
