package io.cohort.enrolment.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.FeeCollectionStatus;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.identity.CurrentActor;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.scheduling.SessionView;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The class-run desk (OPS and ADMIN): runs with their seats and waitlists, a new run, and
 * a run's page with its sessions, enrolments, enrol and withdraw actions and
 * cancellation. It lives in the enrolment module because it shows enrolments beside the
 * scheduling facts; attendance rates are loaded from the attendance pages.
 */
@Controller
@RequestMapping("/runs")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class RunPages {

	static final int PAGE_SIZE = 25;

	/** An SSG mode of training: its code and what it means. */
	record Mode(String code, String label) {
	}

	static final List<Mode> MODES = List.of(new Mode("1", "Classroom"), new Mode("2", "Asynchronous e-learning"),
			new Mode("3", "In-house"), new Mode("4", "On-the-job"), new Mode("5", "Practical or practicum"),
			new Mode("6", "Supervised field"), new Mode("7", "Traineeship"), new Mode("8", "Assessment"),
			new Mode("9", "Synchronous e-learning"));

	static final String POSTAL_CODE = "must be a six-digit Singapore postal code";

	/** The run form's fields a facade's field error may name. */
	private static final Set<String> RUN_FIELDS = Set.of("reference", "startDate", "endDate", "registrationOpens",
			"registrationCloses", "capacity", "modeOfTraining", "venue", "venuePostalCode", "courseAdminEmail");

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	private final TrainerManagement trainers;

	private final EnrolmentManagement enrolments;

	private final LearnerManagement learners;

	RunPages(ClassRunManagement runs, CourseManagement courses, TrainerManagement trainers,
			EnrolmentManagement enrolments, LearnerManagement learners) {
		this.runs = runs;
		this.courses = courses;
		this.trainers = trainers;
		this.enrolments = enrolments;
		this.learners = learners;
	}

	/** A run in the list, with its waitlist. */
	record RunRow(ClassRunView run, long waitlisted) {
	}

	/** The new-run form. */
	record RunForm(@Nullable UUID courseId, @NotBlank @Size(max = 50) String reference, @NotNull LocalDate startDate,
			@NotNull LocalDate endDate, @NotNull LocalDate registrationOpens, @NotNull LocalDate registrationCloses,
			@NotNull @Min(1) @Max(10000) Integer capacity,
			@NotNull @Pattern(regexp = "[1-9]",
					message = "must be an SSG mode of training code, 1 to 9") String modeOfTraining,
			@Nullable @Size(max = 300) String venue,
			@Nullable @Pattern(regexp = "(\\d{6})?", message = POSTAL_CODE) String venuePostalCode,
			@Nullable @Email @Size(max = 254) String courseAdminEmail, @Nullable Boolean inHouse,
			@Nullable Boolean waitlistEnabled, @Nullable Boolean publish) {

		static RunForm startingOn(@Nullable UUID courseId, LocalDate today) {
			return new RunForm(courseId, "", today.plusDays(14), today.plusDays(15), today, today.plusDays(13), 20, "1",
					"", "", "", false, true, true);
		}

	}

	/** The edit-run form: every detail of the run, those TPGateway requires included. */
	record RunEditForm(@NotBlank @Size(max = 50) String reference, @NotNull LocalDate startDate,
			@NotNull LocalDate endDate, @NotNull LocalDate registrationOpens, @NotNull LocalDate registrationCloses,
			@NotNull @Min(1) @Max(10000) Integer capacity,
			@NotNull @Pattern(regexp = "[1-9]",
					message = "must be an SSG mode of training code, 1 to 9") String modeOfTraining,
			@Nullable @Size(max = 300) String venue,
			@Nullable @Pattern(regexp = "(\\d{6})?", message = POSTAL_CODE) String venuePostalCode,
			@Nullable @Email @Size(max = 254) String courseAdminEmail, @Nullable Boolean inHouse,
			@Nullable Boolean waitlistEnabled) {

		static RunEditForm of(ClassRunView run) {
			return new RunEditForm(run.reference(), run.startDate(), run.endDate(), run.registrationOpens(),
					run.registrationCloses(), run.capacity(), run.modeOfTraining(), run.venue(),
					run.venuePostalCode() == null ? "" : run.venuePostalCode(),
					run.courseAdminEmail() == null ? "" : run.courseAdminEmail(), run.inHouse(), run.waitlistEnabled());
		}

		ClassRunManagement.RunChange change() {
			return new ClassRunManagement.RunChange(reference, startDate, endDate, registrationOpens,
					registrationCloses, capacity, modeOfTraining, venue == null ? "" : venue,
					Boolean.TRUE.equals(inHouse), Boolean.TRUE.equals(waitlistEnabled), null,
					venuePostalCode == null ? "" : venuePostalCode, courseAdminEmail == null ? "" : courseAdminEmail);
		}

	}

	/** The add-session form. */
	record SessionForm(@NotNull LocalDate date, @NotNull LocalTime startTime, @NotNull LocalTime endTime,
			@Nullable UUID trainerId, @Nullable @Size(max = 300) String venue) {
	}

	/** The edit-session form: a session's date, times, trainer and venue. */
	record SessionEditForm(@NotNull LocalDate date, @NotNull LocalTime startTime, @NotNull LocalTime endTime,
			@Nullable UUID trainerId, @Nullable @Size(max = 300) String venue) {

		static SessionEditForm of(SessionView session) {
			return new SessionEditForm(session.date(), session.startTime(), session.endTime(), session.trainerId(),
					session.venue());
		}

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

	/** How many learners a search offers at most; the page says how many more match. */
	static final int CHOICES = 20;

	/** The cancel-run form. */
	record CancelForm(@NotBlank @Size(max = 500) String reason) {
	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable UUID course,
			@RequestParam(required = false) @Nullable RunStatus status, @RequestParam(defaultValue = "0") int page,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		PageView<ClassRunView> result = runs.list(course, status, Math.max(page, 0), PAGE_SIZE);
		model.addAttribute("runs", result);
		model.addAttribute("rows", result.items()
			.stream()
			.map(run -> new RunRow(run, enrolments.search(run.id(), null, EnrolmentStatus.WAITLISTED, 0, 1).total()))
			.toList());
		model.addAttribute("course", course == null ? null : courses.get(course));
		model.addAttribute("status", status);
		model.addAttribute("statuses", RunStatus.values());
		return htmx == null ? "runs/list" : "runs/list :: table";
	}

	@GetMapping("/new")
	String newRun(@RequestParam(required = false) @Nullable UUID course, Model model) {
		model.addAttribute("runForm", RunForm.startingOn(course, runs.today(CurrentActor.tenantId())));
		return newForm(model);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("runForm") RunForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (form.courseId() == null) {
			errors.rejectValue("courseId", "NotNull", "choose a course");
		}
		if (!errors.hasErrors() && form.courseId() != null) {
			try {
				ClassRunView run = runs.schedule(form.courseId(),
						new ClassRunManagement.NewRun(form.reference(), form.startDate(), form.endDate(),
								form.registrationOpens(), form.registrationCloses(), form.capacity(),
								form.modeOfTraining(), form.venue(), Boolean.TRUE.equals(form.inHouse()),
								Boolean.TRUE.equals(form.waitlistEnabled()),
								Boolean.TRUE.equals(form.publish()) ? RunStatus.PUBLISHED : RunStatus.DRAFT,
								form.venuePostalCode(), form.courseAdminEmail()));
				redirect.addFlashAttribute("notice", "Run " + run.reference() + " scheduled.");
				return "redirect:/runs/" + run.id();
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, code -> switch (code) {
					case RUN_REFERENCE_TAKEN -> "reference";
					case RUN_STARTS_IN_PAST -> "startDate";
					case NOT_FOUND, COURSE_ARCHIVED -> "courseId";
					default -> null;
				}, field -> "ssg_course_ref".equals(field) ? "courseId" : FormErrors.formField(field, RUN_FIELDS));
			}
		}
		return newForm(model);
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable UUID id, Model model) {
		ClassRunView run = runs.get(id);
		model.addAttribute("run", run);
		if (!model.containsAttribute("runEditForm")) {
			model.addAttribute("runEditForm", RunEditForm.of(run));
		}
		model.addAttribute("modes", MODES);
		return "runs/edit";
	}

	@PostMapping("/{id}/edit")
	String update(@PathVariable UUID id, @Valid @ModelAttribute("runEditForm") RunEditForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				ClassRunView run = runs.update(id, form.change());
				redirect.addFlashAttribute("notice", "Run " + run.reference() + " saved.");
				return "redirect:/runs/" + id;
			}
			catch (CohortException ex) {
				rethrowNotFound(ex);
				FormErrors.reject(ex, errors, code -> switch (code) {
					case RUN_REFERENCE_TAKEN -> "reference";
					case CAPACITY_BELOW_ENROLMENTS -> "capacity";
					case SESSION_OUTSIDE_RUN -> "startDate";
					default -> null;
				}, RUN_FIELDS);
			}
		}
		return edit(id, model);
	}

	@GetMapping("/{id}")
	String detail(@PathVariable UUID id,
			@RequestParam(name = "learner_q", required = false) @Nullable String learnerQuery, Model model) {
		ClassRunManagement.RunDetail detail = runs.detail(id);
		model.addAttribute("run", detail.run());
		model.addAttribute("modeLabel", modeLabel(detail.run().modeOfTraining()));
		model.addAttribute("sessions", detail.sessions());
		model.addAttribute("enrolments", enrolments.roster(id));
		model.addAttribute("trainers", trainers.list());
		choices(learnerQuery, model);
		if (!model.containsAttribute("sessionForm")) {
			model.addAttribute("sessionForm",
					new SessionForm(detail.run().startDate(), LocalTime.of(9, 0), LocalTime.of(17, 0), null, ""));
		}
		if (!model.containsAttribute("enrolForm")) {
			model.addAttribute("enrolForm", EnrolForm.empty());
		}
		if (!model.containsAttribute("cancelForm")) {
			model.addAttribute("cancelForm", new CancelForm(""));
		}
		return "runs/detail";
	}

	/**
	 * The learners matching a search, for the enrol form's list as the user types (htmx);
	 * without scripts the run page's search form reloads the page instead.
	 */
	@GetMapping("/{id}/learner-choices")
	String learnerChoices(@PathVariable UUID id,
			@RequestParam(name = "learner_q", required = false) @Nullable String learnerQuery, Model model) {
		runs.get(id);
		choices(learnerQuery, model);
		model.addAttribute("enrolForm", EnrolForm.empty());
		return "runs/detail :: learner-choices";
	}

	private void choices(@Nullable String learnerQuery, Model model) {
		PageView<io.cohort.learners.LearnerView> found = learners.list(learnerQuery, 0, CHOICES);
		model.addAttribute("learnerQuery", learnerQuery == null ? "" : learnerQuery);
		model.addAttribute("learnerChoices", found.items());
		model.addAttribute("moreLearners", found.total() - found.items().size());
	}

	@PostMapping("/{id}/publish")
	String publish(@PathVariable UUID id, RedirectAttributes redirect) {
		try {
			ClassRunView run = runs.update(id, new ClassRunManagement.RunChange(null, null, null, null, null, null,
					null, null, null, null, RunStatus.PUBLISHED));
			redirect.addFlashAttribute("notice", "Run " + run.reference() + " is published.");
		}
		catch (CohortException ex) {
			rethrowNotFound(ex);
			redirect.addFlashAttribute("problem", ex.getMessage());
			if (ex.properties().get("errors") instanceof List<?> missing) {
				redirect.addFlashAttribute("problemDetails", missing);
			}
		}
		return "redirect:/runs/" + id;
	}

	@PostMapping("/{id}/sessions")
	String addSession(@PathVariable UUID id, @Valid @ModelAttribute("sessionForm") SessionForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				runs.addSession(id, new ClassRunManagement.NewSession(form.date(), form.startTime(), form.endTime(),
						null, form.trainerId(), form.venue() == null || form.venue().isBlank() ? null : form.venue()));
				redirect.addFlashAttribute("notice", "Session on " + form.date() + " added.");
				return "redirect:/runs/" + id;
			}
			catch (CohortException ex) {
				rethrowNotFound(ex);
				rejectSession(ex, errors);
			}
		}
		return detail(id, null, model);
	}

	/** A refused session, new or changed, beside the form field it names. */
	private static void rejectSession(CohortException ex, BindingResult errors) {
		FormErrors.reject(ex, errors, code -> switch (code) {
			case SESSION_OUTSIDE_RUN -> "date";
			case TRAINER_DOUBLE_BOOKED -> "trainerId";
			default -> null;
		}, Set.of("date", "startTime", "endTime", "trainerId", "venue"));
	}

	@GetMapping("/{id}/sessions/{sessionId}/edit")
	String editSession(@PathVariable UUID id, @PathVariable UUID sessionId, Model model) {
		SessionView session = sessionOf(id, sessionId);
		model.addAttribute("run", runs.get(id));
		model.addAttribute("session", session);
		model.addAttribute("trainers", trainers.list());
		if (!model.containsAttribute("sessionEditForm")) {
			model.addAttribute("sessionEditForm", SessionEditForm.of(session));
		}
		return "runs/session-edit";
	}

	@PostMapping("/{id}/sessions/{sessionId}/edit")
	String updateSession(@PathVariable UUID id, @PathVariable UUID sessionId,
			@Valid @ModelAttribute("sessionEditForm") SessionEditForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		sessionOf(id, sessionId);
		if (!errors.hasErrors()) {
			try {
				SessionView session = runs.updateSession(sessionId, new ClassRunManagement.SessionChange(form.date(),
						form.startTime(), form.endTime(), form.trainerId(), form.venue()));
				redirect.addFlashAttribute("notice", "Session on " + session.date() + " saved.");
				return "redirect:/runs/" + id;
			}
			catch (CohortException ex) {
				rethrowNotFound(ex);
				rejectSession(ex, errors);
			}
		}
		return editSession(id, sessionId, model);
	}

	@GetMapping("/{id}/enrolments/{enrolmentId}/fees")
	String editFees(@PathVariable UUID id, @PathVariable UUID enrolmentId, Model model) {
		EnrolmentView enrolment = enrolmentOf(id, enrolmentId);
		model.addAttribute("run", runs.get(id));
		model.addAttribute("enrolment", enrolment);
		if (!model.containsAttribute("feeForm")) {
			model.addAttribute("feeForm", FeeForm.of(enrolment));
		}
		return "runs/fees";
	}

	@PostMapping("/{id}/enrolments/{enrolmentId}/fees")
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

	@PostMapping("/{id}/enrolments")
	String enrol(@PathVariable UUID id, @Valid @ModelAttribute("enrolForm") EnrolForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		List<UUID> chosen = form.learnerId() == null ? List.of()
				: form.learnerId().stream().filter(java.util.Objects::nonNull).distinct().toList();
		if (chosen.isEmpty()) {
			errors.rejectValue("learnerId", "NotNull", "choose a learner");
		}
		if (errors.hasErrors()) {
			return detail(id, null, model);
		}
		List<String> report = new java.util.ArrayList<>();
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
					return detail(id, null, model);
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

	@PostMapping("/{id}/enrolments/{enrolmentId}/withdraw")
	String withdraw(@PathVariable UUID id, @PathVariable UUID enrolmentId,
			@RequestParam(required = false) @Nullable String reason, RedirectAttributes redirect) {
		try {
			EnrolmentView enrolment = enrolments.get(enrolmentId);
			if (!enrolment.classRunId().equals(id)) {
				throw CohortException.notFound("enrolment", enrolmentId);
			}
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
			return String.join("; ",
					list.stream()
						.map(e -> e instanceof java.util.Map<?, ?> m ? m.get("field") + " " + m.get("message")
								: String.valueOf(e))
						.toList())
					+ ".";
		}
		return ex.getMessage().endsWith(".") ? ex.getMessage() : ex.getMessage() + ".";
	}

	@PostMapping("/{id}/cancel")
	String cancel(@PathVariable UUID id, @Valid @ModelAttribute("cancelForm") CancelForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				ClassRunView run = runs.cancel(id, form.reason().trim());
				redirect.addFlashAttribute("notice", "Run " + run.reference() + " is cancelled.");
				return "redirect:/runs/" + id;
			}
			catch (CohortException ex) {
				rethrowNotFound(ex);
				FormErrors.reject(ex, errors, field -> "reason".equals(field) ? "reason" : null);
			}
		}
		return detail(id, null, model);
	}

	/**
	 * The run's session, or not found (a session of another run is not reached by this
	 * run's URL).
	 */
	private SessionView sessionOf(UUID runId, UUID sessionId) {
		SessionView session = runs.session(sessionId);
		if (!session.runId().equals(runId)) {
			throw CohortException.notFound("session", sessionId);
		}
		return session;
	}

	private EnrolmentView enrolmentOf(UUID runId, UUID enrolmentId) {
		EnrolmentView enrolment = enrolments.get(enrolmentId);
		if (!enrolment.classRunId().equals(runId)) {
			throw CohortException.notFound("enrolment", enrolmentId);
		}
		return enrolment;
	}

	private String newForm(Model model) {
		model.addAttribute("courses", courses.offered());
		model.addAttribute("modes", MODES);
		return "runs/new";
	}

	/** The mode's meaning beside its code, as "Classroom (1)". */
	static String modeLabel(String code) {
		return MODES.stream()
			.filter(mode -> mode.code().equals(code))
			.map(mode -> mode.label() + " (" + code + ")")
			.findFirst()
			.orElse(code);
	}

	private static void rethrowNotFound(CohortException ex) {
		if (ex.status().value() == 404) {
			throw ex;
		}
	}

}
