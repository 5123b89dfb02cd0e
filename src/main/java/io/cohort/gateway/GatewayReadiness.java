package io.cohort.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cohort.catalog.CourseView;
import io.cohort.scheduling.ClassRunView;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.springframework.http.HttpStatus;

/**
 * What TPGateway requires of a run before it accepts its publication, checked while the
 * run is published or changed: a run missing one is refused with the {@value #CODE}
 * problem and a field error per missing detail, rather than queued to become a dead
 * letter.
 */
final class GatewayReadiness {

	/** The problem code of a run the gateway would refuse. */
	private GatewayReadiness() {
	}

	/**
	 * A detail TPGateway requires and the run lacks: the API field, its name in a
	 * sentence, and why it is needed.
	 */
	record Missing(String field, String label, String message) {
	}

	/** What the run lacks for TPGateway; empty when it can be published. */
	static List<Missing> missing(ClassRunView run, CourseView course) {
		List<Missing> missing = new ArrayList<>();
		if (run.venuePostalCode() == null || run.venuePostalCode().isBlank()) {
			missing.add(new Missing("venue_postal_code", "the venue's postal code",
					"TPGateway needs the venue's six-digit postal code to publish the run"));
		}
		if (run.courseAdminEmail() == null || run.courseAdminEmail().isBlank()) {
			missing.add(new Missing("course_admin_email", "a course admin email",
					"TPGateway needs the email of the run's course administrator"));
		}
		if (course.ssgCourseRef() == null || course.ssgCourseRef().isBlank()) {
			missing.add(new Missing("ssg_course_ref", "the course's SSG course reference",
					"TPGateway needs the course's SSG course reference (course " + course.code()
							+ " has none; add it on the course's edit page)"));
		}
		return missing;
	}

	/** Refuses a run TPGateway would refuse, naming each missing detail. */
	static void check(ClassRunView run, CourseView course) {
		List<Missing> missing = missing(run, course);
		if (missing.isEmpty()) {
			return;
		}
		throw new CohortException(ProblemCode.RUN_INCOMPLETE_FOR_GATEWAY,
				"Run " + run.reference() + " cannot be published to TPGateway until it has "
						+ String.join(", ", missing.stream().map(Missing::label).toList()),
				Map.of("errors",
						missing.stream().map(m -> Map.of("field", m.field(), "message", m.message())).toList()));
	}

}
