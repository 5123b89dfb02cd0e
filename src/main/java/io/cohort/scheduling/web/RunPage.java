package io.cohort.scheduling.web;

import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.TrainerManagement;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.context.request.WebRequest;

/**
 * A class run's page: its facts and sessions with the forms that change them, and the
 * {@link RunPageSection sections} other modules add. A module whose form on the page is
 * refused shows the page again, with the form's errors, through {@link #show}.
 */
@Component
@NamedInterface("run-page")
public class RunPage {

	private final ClassRunManagement runs;

	private final TrainerManagement trainers;

	private final ObjectProvider<RunPageSection> sections;

	RunPage(ClassRunManagement runs, TrainerManagement trainers, ObjectProvider<RunPageSection> sections) {
		this.runs = runs;
		this.trainers = trainers;
		this.sections = sections;
	}

	/**
	 * Puts the run's page in the model and names its template. A form already in the
	 * model (one just refused, with its errors) is kept.
	 * @throws io.cohort.system.CohortException not found when the caller's tenant has no
	 * such run
	 */
	public String show(UUID runId, WebRequest request, Model model) {
		ClassRunManagement.RunDetail detail = runs.detail(runId);
		ClassRunView run = detail.run();
		model.addAttribute("run", run);
		model.addAttribute("modeLabel", RunPages.modeLabel(run.modeOfTraining()));
		model.addAttribute("sessions", detail.sessions());
		model.addAttribute("trainers", trainers.list());
		if (!model.containsAttribute("sessionForm")) {
			model.addAttribute("sessionForm",
					new RunPages.SessionForm(run.startDate(), LocalTime.of(9, 0), LocalTime.of(17, 0), null, ""));
		}
		if (!model.containsAttribute("cancelForm")) {
			model.addAttribute("cancelForm", new RunPages.CancelForm(""));
		}
		List<RunPageSection> shown = sections.orderedStream().toList();
		shown.forEach(section -> section.addTo(run, request, model));
		model.addAttribute("sections", shown.stream().map(RunPageSection::fragment).toList());
		return "runs/detail";
	}

}
