package io.cohort.gateway;

import io.cohort.gateway.client.RegistryCourse;
import io.cohort.gateway.client.TpGatewayResult;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseView;
import io.cohort.identity.CurrentActor;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Checks a course's SSG reference against TPGateway's course registry. Providers cannot
 * create courses on TPGateway (SSG registers them), so a run is published only for a
 * course the registry lists as active: a run of any other course would be queued only to
 * die at the gateway. The registry's last answer per reference is kept for a day.
 */
@Service
public class CourseRegistry {

	/**
	 * How long the registry's answer is trusted before a run's publication asks again.
	 */
	static final Duration FRESH = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final GatewaySettingsManagement settings;

	private final TpGatewayClients clients;

	private final CourseManagement courses;

	private final Clock clock;

	CourseRegistry(JdbcClient jdbc, GatewaySettingsManagement settings, TpGatewayClients clients,
			CourseManagement courses, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clients = clients;
		this.courses = courses;
		this.clock = clock;
	}

	/** What the registry says of a course, and since when. */
	public record Listing(String courseReference, boolean found, @Nullable String title, @Nullable String status,
			boolean publishable, Instant checkedAt) {
	}

	/** The registry's last answer for the course's reference, if it was asked. */
	public Optional<Listing> last(UUID courseId) {
		CourseView course = courses.get(courseId);
		return stored(CurrentActor.tenantId(), reference(course));
	}

	/** Asks the registry now, and keeps its answer. */
	public Listing check(UUID courseId) {
		UUID tenant = CurrentActor.tenantId();
		String reference = reference(courses.get(courseId));
		GatewaySettingsManagement.Versioned connection = settings.connection(tenant)
			.orElseThrow(() -> new CohortException(ProblemCode.GATEWAY_NOT_ENABLED,
					"TPGateway is not switched on for this tenant"));
		TpGatewayResult<Optional<RegistryCourse>> answer = clients.of(tenant, connection).registryCourse(reference);
		if (!(answer instanceof TpGatewayResult.Success<Optional<RegistryCourse>> success)) {
			throw new CohortException(ProblemCode.GATEWAY_UNAVAILABLE,
					"TPGateway's course registry did not answer: " + message(answer));
		}
		return keep(tenant, reference, success.value());
	}

	/**
	 * Refuses to publish a run of {@code course} (which has an SSG reference: see
	 * {@link GatewayReadiness}) while the gateway is on unless the registry lists the
	 * course as active: asked afresh when its last answer is older than a day. When the
	 * registry cannot be asked now, the run is published and the gateway decides.
	 */
	void requirePublishable(UUID tenant, CourseView course) {
		String reference = reference(course);
		Optional<Listing> listing = stored(tenant, reference)
			.filter(known -> known.checkedAt().isAfter(clock.instant().minus(FRESH)));
		if (listing.isEmpty()) {
			Optional<GatewaySettingsManagement.Versioned> connection = settings.connection(tenant);
			if (connection.isEmpty()) {
				return;
			}
			TpGatewayResult<Optional<RegistryCourse>> answer = clients.of(tenant, connection.get())
				.registryCourse(reference);
			if (!(answer instanceof TpGatewayResult.Success<Optional<RegistryCourse>> success)) {
				return;
			}
			listing = Optional.of(keep(tenant, reference, success.value()));
		}
		Listing known = listing.get();
		if (!known.found()) {
			throw new CohortException(ProblemCode.COURSE_NOT_IN_REGISTRY, "TPGateway's course registry has no course "
					+ reference + ": correct the course's SSG reference before publishing a run");
		}
		if (!known.publishable()) {
			throw new CohortException(ProblemCode.COURSE_NOT_ACTIVE, "Course " + reference + " is " + known.status()
					+ " in TPGateway's course registry: runs can be published only for an active course");
		}
	}

	private static String reference(CourseView course) {
		if (course.ssgCourseRef() == null || course.ssgCourseRef().isBlank()) {
			throw new CohortException(ProblemCode.COURSE_REFERENCE_MISSING,
					"Course " + course.code() + " has no SSG course reference");
		}
		return course.ssgCourseRef();
	}

	private Listing keep(UUID tenant, String reference, Optional<RegistryCourse> course) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("""
				INSERT INTO gateway_course_registry (tenant_id, reference, found, title, status, checked_at)
				VALUES (:tenant, :reference, :found, :title, :status, :now)
				ON CONFLICT (tenant_id, reference) DO UPDATE SET found = excluded.found, title = excluded.title,
				    status = excluded.status, checked_at = excluded.checked_at""")
			.param("tenant", tenant)
			.param("reference", reference)
			.param("found", course.isPresent())
			.param("title", course.map(RegistryCourse::title).orElse(null))
			.param("status", course.map(RegistryCourse::status).orElse(null))
			.param("now", Timestamp.from(now))
			.update();
		return new Listing(reference, course.isPresent(), course.map(RegistryCourse::title).orElse(null),
				course.map(RegistryCourse::status).orElse(null), course.map(RegistryCourse::active).orElse(false), now);
	}

	private Optional<Listing> stored(UUID tenant, String reference) {
		return jdbc.sql("SELECT * FROM gateway_course_registry WHERE tenant_id = :tenant AND reference = :reference")
			.param("tenant", tenant)
			.param("reference", reference)
			.query((rs, n) -> {
				String status = rs.getString("status");
				return new Listing(reference, rs.getBoolean("found"), rs.getString("title"), status,
						rs.getBoolean("found") && RegistryCourse.active(status),
						rs.getTimestamp("checked_at").toInstant());
			})
			.optional();
	}

	private static String message(TpGatewayResult<?> failure) {
		if (failure instanceof TpGatewayResult.Retryable<?> retry) {
			return retry.message();
		}
		return (failure instanceof TpGatewayResult.Permanent<?> refused) ? refused.message() : "";
	}

}
