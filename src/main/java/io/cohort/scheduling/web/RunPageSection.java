package io.cohort.scheduling.web;

import io.cohort.scheduling.ClassRunView;
import org.springframework.modulith.NamedInterface;
import org.springframework.ui.Model;
import org.springframework.web.context.request.WebRequest;

/**
 * A section another module adds to a class run's page, rendered on the server below the
 * run's sessions, so the page works without scripts. A module that depends on scheduling
 * implements it (the enrolment module adds the run's enrolments), so scheduling never
 * depends on it (ADR 34).
 */
@NamedInterface("run-page")
public interface RunPageSection {

	/**
	 * The template fragment that renders the section, as {@code template :: fragment}; it
	 * reads {@code run} and what {@link #addTo} puts in the model.
	 */
	String fragment();

	/**
	 * Puts what the section shows in the model. A form already there (one just refused,
	 * with its errors) is kept.
	 * @param request the page's request, for the section's own parameters
	 */
	void addTo(ClassRunView run, WebRequest request, Model model);

}
