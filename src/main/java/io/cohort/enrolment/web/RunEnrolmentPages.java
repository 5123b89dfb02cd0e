package io.cohort.enrolment.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.FeeCollectionStatus;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.web.RunPage;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The enrolments of a class run, on the run's page that scheduling serves (OPS and
 * ADMIN): enrol one learner or several at once, withdraw with a reason, edit an
 * enrolment's fees. A refused enrolment shows the run's page again with the form's errors
 * ({@link RunPage}).
 */
@Controller
@RequestMapping("/runs/{id}")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class RunEnrolmentPages {

	private final ClassRunManagement runs;

	private final EnrolmentManagement enrolments;

	private final LearnerManagement learners;

	private final RunEnrolments section;

	private final RunPage runPage;

	RunEnrolmentPages(ClassRunManagement runs, EnrolmentManagement enrolments, LearnerManagement learners,
			RunEnrolments section, RunPage runPage) {
		this.runs = runs;
		this.enrolments = enrolments;
		this.learners = learners;
		this.section = section;
		this.runPage = runPage;
	}

	/** The edit-fees form of one enrolment. */
	record FeeForm(
			@NotNull @DecimalMin(value = "0",
					message = "must not be negative") @DecimalMax("9999999") BigDecimal feeAmount,
			@NotNull @DecimalMin(value = "0",
					message = "must not be negative") @DecimalMax("9999999") BigDecimal discountAmount,
			@NotNull FeeCollectionStatus feeCollectionStatus) {

		static FeeForm of(EnrolmentView enrolment) {
			return new FeeForm(enrolment.feeAmount(), enrolment.discountAmount(), enrolment.feeCollectionStatus());
		}

	}

	/** The enrol-a-learner form. */
	record EnrolForm(@Nullable List<UUID> learnerId, @Nullable SponsorshipType sponsorshipType,
			@Nullable @Size(max = 20) String employerUen,
			@Nullable @DecimalMin(value = "0", message = "must not be negative") BigDecimal feeAmount,
			@Nullable @DecimalMin(value = "0", message = "must not be negative") BigDecimal discountAmount,
			@Nullable FeeCollectionStatus feeCollectionStatus) {

		static EnrolForm empty() {
			return new EnrolForm(null, SponsorshipType.INDIVIDUAL, "", null, null, FeeCollectionStatus.PENDING);
		}

	}

	/**
	 * The learners matching a search, for the enrol form's list as the user types (htmx);
	 * without scripts the run page's search form reloads the page instead.
	 */
	@GetMapping("/learner-choices")
	String learnerChoices(@PathVariable UUID id,
			@RequestParam(name = "learner_q", required = false) @Nullable String learnerQuery, Model model) {
		runs.get(id);
		section.choices(learnerQuery, model);
		model.addAttribute("enrolForm", EnrolForm.empty());
		return "enrolment/run-enrolments :: learner-choices";
	}

	@GetMapping("/enrolments/{enrolmentId}/fees")
	String editFees(@PathVariable UUID id, @PathVariable UUID enrolmentId, Model model) {
		EnrolmentView enrolment = enrolmentOf(id, enrolmentId);
		model.addAttribute("run", runs.get(id));
		model.addAttribute("enrolment", enrolment);
		if (!model.containsAttribute("feeForm")) {
			model.addAttribute("feeForm", FeeForm.of(enrolment));
		}
		return "enrolment/fees";
	}

	@PostMapping("/enrolments/{enrolmentId}/fees")
	String updateFees(@PathVariable UUID id, @PathVariable UUID enrolmentId,
			@Valid @ModelAttribute("feeForm") FeeForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		enrolmentOf(id, enrolmentId);
		if (!errors.hasErrors()) {
			try {
				EnrolmentView enrolment = enrolments.updateFees(enrolmentId, form.feeAmount(), form.discountAmount(),
						form.feeCollectionStatus());
				redirect.addFlashAttribute("notice", enrolment.learnerName() + "’s fees saved.");
				return "redirect:/runs/" + id;
			}
			catch (CohortException ex) {
				rethrowNotFound(ex);
				FormErrors.reject(ex, errors, Set.of("feeAmount", "discountAmount", "feeCollectionStatus"));
			}
		}
		return editFees(id, enrolmentId, model);
	}

	@PostMapping("/enrolments")
	String enrol(@PathVariable UUID id, @Valid @ModelAttribute("enrolForm") EnrolForm form, BindingResult errors,
			WebRequest request, Model model, RedirectAttributes redirect) {
		List<UUID> chosen = form.learnerId() == null ? List.of()
				: form.learnerId().stream().filter(Objects::nonNull).distinct().toList();
		if (chosen.isEmpty()) {
			errors.rejectValue("learnerId", "NotNull", "choose a learner");
		}
		if (errors.hasErrors()) {
			return runPage.show(id, request, model);
		}
		List<String> report = new ArrayList<>();
		for (UUID learnerId : chosen) {
			try {
				EnrolmentView enrolment = enrolments.enrol(new EnrolmentManagement.NewEnrolment(learnerId, id,
						form.sponsorshipType() == null ? SponsorshipType.INDIVIDUAL : form.sponsorshipType(),
						form.employerUen(), form.feeAmount(), form.discountAmount(), form.feeCollectionStatus()),
						EnrolmentManagement.Source.STAFF);
				report.add(enrolment.learnerName() + " is " + (enrolment.status() == EnrolmentStatus.CONFIRMED
						? "confirmed." : "on the waitlist at position " + enrolment.waitlistPosition() + "."));
			}
			catch (CohortException ex) {
				if (chosen.size() == 1) {
					FormErrors.reject(ex, errors, code -> switch (code) {
						case ALREADY_ENROLLED, NOT_FOUND -> "learnerId";
						default -> null;
					}, Set.of("employerUen", "feeAmount", "discountAmount"));
					return runPage.show(id, request, model);
				}
				report.add(learnerName(learnerId) + " is refused: " + refusal(ex));
			}
		}
		if (report.size() == 1) {
			redirect.addFlashAttribute("notice", report.get(0));
		}
		else {
			redirect.addFlashAttribute("enrolReport", report);
		}
		return "redirect:/runs/" + id;
	}

	@PostMapping("/enrolments/{enrolmentId}/withdraw")
	String withdraw(@PathVariable UUID id, @PathVariable UUID enrolmentId,
			@RequestParam(required = false) @Nullable String reason, RedirectAttributes redirect) {
		try {
			EnrolmentView enrolment = enrolmentOf(id, enrolmentId);
			if (reason == null || reason.isBlank()) {
				redirect.addFlashAttribute("problem",
						"Give a reason to withdraw " + enrolment.learnerName() + "; nothing was changed.");
				return "redirect:/runs/" + id;
			}
			EnrolmentManagement.Withdrawal withdrawal = enrolments.withdrawNamingSuccessor(enrolmentId, reason);
			redirect.addFlashAttribute("notice",
					enrolment.learnerName() + " is withdrawn." + (withdrawal.promoted() == null ? ""
							: " " + withdrawal.promoted().learnerName() + " took the seat from the waitlist."));
		}
		catch (CohortException ex) {
			rethrowNotFound(ex);
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/runs/" + id;
	}

	private String learnerName(UUID learnerId) {
		try {
			return learners.get(learnerId).fullName();
		}
		catch (CohortException ex) {
			return "A learner not found";
		}
	}

	private static String refusal(CohortException ex) {
		if (ex.properties().get("errors") instanceof List<?> list && !list.isEmpty()) {
			return String.join("; ", list.stream()
				.map(e -> e instanceof Map<?, ?> m ? m.get("field") + " " + m.get("message") : String.valueOf(e))
				.toList()) + ".";
		}
		return ex.getMessage().endsWith(".") ? ex.getMessage() : ex.getMessage() + ".";
	}

	/**
	 * The run's enrolment, or not found (an enrolment of another run is not reached by
	 * this run's URL).
	 */
	private EnrolmentView enrolmentOf(UUID runId, UUID enrolmentId) {
		EnrolmentView enrolment = enrolments.get(enrolmentId);
		if (!enrolment.classRunId().equals(runId)) {
			throw CohortException.notFound("enrolment", enrolmentId);
		}
		return enrolment;
	}

	private static void rethrowNotFound(CohortException ex) {
		if (ex.status().value() == 404) {
			throw ex;
		}
	}

}
