package io.cohort.learners.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.identity.UserManagement;
import io.cohort.identity.UserView;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.shared.IdType;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import io.cohort.system.ProblemCode;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The learner pages (OPS and ADMIN): learners with search, a new learner, and a learner's
 * detail with the national id masked, an audited reveal for ADMIN, and linking the
 * learner to a LEARNER account.
 */
@Controller
@RequestMapping("/learners")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class LearnerPages {

	static final int PAGE_SIZE = 25;

	private static final Set<String> FIELDS = Set.of("fullName", "email", "phone", "idType", "nationalId",
			"dateOfBirth", "userId");

	private final LearnerManagement learners;

	private final UserManagement users;

	LearnerPages(LearnerManagement learners, UserManagement users) {
		this.learners = learners;
		this.users = users;
	}

	/** The new-learner form. */
	record LearnerForm(@NotBlank @Size(max = 200) String fullName, @NotBlank @Email @Size(max = 254) String email,
			@Nullable @Size(max = 30) String phone, @NotNull IdType idType, @NotBlank @Size(max = 20) String nationalId,
			@Nullable LocalDate dateOfBirth, @Nullable Boolean consent, @Nullable UUID userId) {

		static LearnerForm empty() {
			return new LearnerForm("", "", "", IdType.SP, "", null, false, null);
		}

	}

	/**
	 * The edit-learner form: contact details and date of birth; the national id and its
	 * type are fixed once registered.
	 */
	record LearnerEditForm(@NotBlank @Size(max = 200) String fullName, @NotBlank @Email @Size(max = 254) String email,
			@Nullable @Size(max = 30) String phone, @Nullable LocalDate dateOfBirth) {

		static LearnerEditForm of(LearnerView learner) {
			return new LearnerEditForm(learner.fullName(), learner.email(),
					learner.phone() == null ? "" : learner.phone(), learner.dateOfBirth());
		}

	}

	/** The link-account form. */
	record LinkForm(@Nullable UUID userId) {
	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
			Model model) {
		PageView<LearnerView> result = learners.list(q, Math.max(page, 0), PAGE_SIZE);
		model.addAttribute("learners", result);
		model.addAttribute("q", q == null ? "" : q);
		return "learners/list";
	}

	@GetMapping("/new")
	String newLearner(Model model) {
		model.addAttribute("learnerForm", LearnerForm.empty());
		return newForm(model);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("learnerForm") LearnerForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!Boolean.TRUE.equals(form.consent())) {
			errors.rejectValue("consent", "AssertTrue", "the learner must consent to their data being kept");
		}
		if (!errors.hasErrors()) {
			try {
				LearnerView learner = learners.register(new LearnerManagement.NewLearner(form.fullName(), form.email(),
						form.phone(), form.idType(), form.nationalId(), form.dateOfBirth(), true, form.userId()));
				redirect.addFlashAttribute("notice", "Learner " + learner.fullName() + " registered.");
				return "redirect:/learners/" + learner.id();
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, code -> switch (code) {
					case NATIONAL_ID_TAKEN -> "nationalId";
					case USER_ALREADY_LINKED -> "userId";
					default -> null;
				}, FIELDS);
			}
		}
		return newForm(model);
	}

	@GetMapping("/{id}")
	String detail(@PathVariable UUID id, Model model) {
		LearnerView learner = learners.get(id);
		model.addAttribute("learner", learner);
		model.addAttribute("canReveal", CurrentActor.require().has(Role.ADMIN));
		model.addAttribute("linkedUser", learner.userId() == null ? null : users.find(learner.userId()).orElse(null));
		if (!model.containsAttribute("linkForm")) {
			model.addAttribute("linkForm", new LinkForm(learner.userId()));
		}
		model.addAttribute("learnerUsers", learnerUsers());
		return "learners/detail";
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable UUID id, Model model) {
		LearnerView learner = learners.get(id);
		model.addAttribute("learner", learner);
		if (!model.containsAttribute("learnerEditForm")) {
			model.addAttribute("learnerEditForm", LearnerEditForm.of(learner));
		}
		return "learners/edit";
	}

	@PostMapping("/{id}/edit")
	String update(@PathVariable UUID id, @Valid @ModelAttribute("learnerEditForm") LearnerEditForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				LearnerView learner = learners.update(id,
						new LearnerManagement.LearnerChange(form.fullName(), form.email(),
								form.phone() == null ? "" : form.phone(), null, null, form.dateOfBirth(), null, null));
				redirect.addFlashAttribute("notice", "Learner " + learner.fullName() + " saved.");
				return "redirect:/learners/" + id;
			}
			catch (CohortException ex) {
				if (ex.status().value() == 404) {
					throw ex;
				}
				FormErrors.reject(ex, errors,
						field -> FIELDS.contains(FormErrors.camel(field))
								&& !Set.of("idType", "nationalId", "userId").contains(FormErrors.camel(field))
										? FormErrors.camel(field) : null);
			}
		}
		return edit(id, model);
	}

	/**
	 * Shows the clear national id once, for an ADMIN; the read is audited and the page is
	 * not cached.
	 */
	@PostMapping("/{id}/reveal")
	@PreAuthorize("hasRole('ADMIN')")
	String reveal(@PathVariable UUID id, Model model, HttpServletResponse response) {
		model.addAttribute("revealed", learners.revealNationalId(id));
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		return detail(id, model);
	}

	@PostMapping("/{id}/user")
	String link(@PathVariable UUID id, @ModelAttribute("linkForm") LinkForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (form.userId() == null) {
			errors.rejectValue("userId", "NotNull", "choose an account");
		}
		else {
			try {
				learners.update(id,
						new LearnerManagement.LearnerChange(null, null, null, null, null, null, null, form.userId()));
				redirect.addFlashAttribute("notice", "Account linked.");
				return "redirect:/learners/" + id;
			}
			catch (CohortException ex) {
				if (ex.status().value() == 404) {
					throw ex;
				}
				FormErrors.reject(ex, errors, code -> code == ProblemCode.USER_ALREADY_LINKED ? "userId" : null,
						field -> "user_id".equals(field) ? "userId" : null);
			}
		}
		return detail(id, model);
	}

	private String newForm(Model model) {
		model.addAttribute("idTypes", IdType.values());
		model.addAttribute("learnerUsers", learnerUsers());
		return "learners/new";
	}

	private List<UserView> learnerUsers() {
		return users.list(0, 1000).items().stream().filter(u -> u.roles().contains(Role.LEARNER)).toList();
	}

}
