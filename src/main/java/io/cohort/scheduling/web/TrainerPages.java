package io.cohort.scheduling.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cohort.identity.Role;
import io.cohort.identity.UserManagement;
import io.cohort.identity.UserView;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.SessionView;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.scheduling.TrainerView;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The trainers page (OPS and ADMIN, as the API): the tenant's trainers with the account
 * each logs in with, and a new trainer, linked to a TRAINER account or not.
 */
@Controller
@RequestMapping("/trainers")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class TrainerPages {

	/** How many accounts the page looks through for TRAINER accounts to link. */
	private static final int ACCOUNTS = 500;

	private final TrainerManagement trainers;

	private final UserManagement users;

	private final ClassRunManagement runs;

	TrainerPages(TrainerManagement trainers, UserManagement users, ClassRunManagement runs) {
		this.trainers = trainers;
		this.users = users;
		this.runs = runs;
	}

	record TrainerForm(@NotBlank @Size(max = 200) String fullName, @NotBlank @Email @Size(max = 254) String email,
			@Nullable UUID userId) {

		static TrainerForm empty() {
			return new TrainerForm("", "", null);
		}

	}

	/** A trainer as listed: the account linked, by name and email, if any. */
	record TrainerRow(TrainerView trainer, @Nullable UserView account) {
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("trainerForm", TrainerForm.empty());
		return page(model);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("trainerForm") TrainerForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				TrainerView trainer = trainers
					.create(new TrainerManagement.NewTrainer(form.fullName(), form.email(), form.userId()));
				redirect.addFlashAttribute("notice", "Trainer " + trainer.fullName() + " added.");
				return "redirect:/trainers";
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, Set.of("fullName", "email", "userId"));
				if (!errors.hasErrors()) {
					errors.reject(ex.code().code(), ex.getMessage());
				}
			}
		}
		return page(model);
	}

	@GetMapping("/{id}")
	String trainer(@PathVariable UUID id, Model model) {
		TrainerView trainer = trainers.get(id);
		model.addAttribute("trainer", trainer);
		List<SessionView> sessions = trainers.sessionsOf(id);
		model.addAttribute("sessions", sessions);
		model.addAttribute("runs",
				sessions.stream()
					.map(SessionView::runId)
					.distinct()
					.collect(Collectors.toMap(Function.identity(), runs::get)));
		return "scheduling/trainer";
	}

	private String page(Model model) {
		List<TrainerView> all = trainers.list();
		Map<UUID, UserView> accounts = users.list(0, ACCOUNTS)
			.items()
			.stream()
			.filter(user -> user.roles().contains(Role.TRAINER))
			.collect(Collectors.toMap(UserView::id, Function.identity()));
		Set<UUID> linked = all.stream().map(TrainerView::userId).filter(id -> id != null).collect(Collectors.toSet());
		model.addAttribute("trainers",
				all.stream()
					.map(t -> new TrainerRow(t, t.userId() == null ? null : accounts.get(t.userId())))
					.toList());
		model.addAttribute("accounts",
				accounts.values()
					.stream()
					.filter(user -> !linked.contains(user.id()))
					.sorted(java.util.Comparator.comparing(UserView::displayName))
					.toList());
		return "scheduling/trainers";
	}

}
