package io.cohort.jobs.web;

import io.cohort.jobs.EventPublications;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's events still waiting for a listener (ADMIN): what each is, which listener
 * has not finished with it and how often it was tried, with the resubmit action of
 * {@code /api/v1/events/incomplete}.
 */
@Controller
@RequestMapping("/settings/events")
@PreAuthorize("hasRole('ADMIN')")
class EventPages {

	private final EventPublications publications;

	EventPages(EventPublications publications) {
		this.publications = publications;
	}

	@GetMapping
	String incomplete(Model model) {
		model.addAttribute("publications", publications.incomplete());
		return "jobs/events";
	}

	@PostMapping("/resubmit")
	String resubmit(RedirectAttributes redirect) {
		int count = publications.resubmitMine();
		redirect.addFlashAttribute("notice", count == 1 ? "1 event resubmitted." : count + " events resubmitted.");
		return "redirect:/settings/events";
	}

}
