package io.cohort.enrolment.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.web.RunListColumn;
import io.cohort.scheduling.web.RunPageSection;
import io.cohort.shared.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.context.request.WebRequest;

/**
 * What enrolment adds to scheduling's run pages (ADR 34): each run's waitlist in the list
 * of runs, and the run page's enrolments with the enrol and withdraw forms, rendered on
 * the server with the page.
 */
@Component
class RunEnrolments implements RunPageSection, RunListColumn {

	/** How many learners a search offers at most; the page says how many more match. */
	static final int CHOICES = 20;

	private final EnrolmentManagement enrolments;

	private final LearnerManagement learners;

	RunEnrolments(EnrolmentManagement enrolments, LearnerManagement learners) {
		this.enrolments = enrolments;
		this.learners = learners;
	}

	@Override
	public String heading() {
		return "Waitlist";
	}

	@Override
	public Map<UUID, String> values(List<ClassRunView> runs) {
		Map<UUID, Integer> lengths = enrolments.waitlistLengths(runs.stream().map(ClassRunView::id).toList());
		Map<UUID, String> waitlists = new LinkedHashMap<>();
		runs.forEach(run -> waitlists.put(run.id(), String.valueOf(lengths.get(run.id()))));
		return waitlists;
	}

	@Override
	public String fragment() {
		return "enrolment/run-enrolments :: section";
	}

	@Override
	public void addTo(ClassRunView run, WebRequest request, Model model) {
		model.addAttribute("enrolments", enrolments.roster(run.id()));
		choices(request.getParameter("learner_q"), model);
		if (!model.containsAttribute("enrolForm")) {
			model.addAttribute("enrolForm", RunEnrolmentPages.EnrolForm.empty());
		}
	}

	/**
	 * The learners matching a search, at most {@link #CHOICES}, and how many more match.
	 */
	void choices(@Nullable String learnerQuery, Model model) {
		PageView<LearnerView> found = learners.list(learnerQuery, 0, CHOICES);
		model.addAttribute("learnerQuery", learnerQuery == null ? "" : learnerQuery);
		model.addAttribute("learnerChoices", found.items());
		model.addAttribute("moreLearners", found.total() - found.items().size());
	}

}
