package io.cohort.scheduling.web;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.identity.CurrentActor;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.scheduling.SessionView;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The class-run desk (OPS and ADMIN): the runs with their seats, a new run, and a run's
 * page with its details, publication, sessions and cancellation. Other modules add their
 * columns to the list ({@link RunListColumn}) and their sections to the run's page
 * ({@link RunPageSection}): the enrolment module its waitlists and enrolments, so this
 * module does not depend on them (ADR 34).
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

	/** The session forms' fields a facade's field error may name. */
	private static final Set<String> SESSION_FIELDS = Set.of("date", "startTime", "endTime", "trainerId", "venue");

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	private final TrainerManagement trainers;

	private final RunPage runPage;

	private final ObjectProvider<RunListColumn> columns;

	RunPages(ClassRunManagement runs, CourseManagement courses, TrainerManagement trainers, RunPage runPage,
			ObjectProvider<RunListColumn> columns) {
		this.runs = runs;
		this.courses = courses;
		this.trainers = trainers;
		this.runPage = runPage;
		this.columns = columns;
	}

	/** A run in the list, with the other modules' cells in the order of their columns. */
	record RunRow(ClassRunView run, List<String> cells) {
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

	/** The cancel-run form. */
	record CancelForm(@NotBlank @Size(max = 500) String reason) {
	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable UUID course,
			@RequestParam(required = false) @Nullable RunStatus status, @RequestParam(defaultValue = "0") int page,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		PageView<ClassRunView> result = runs.list(course, status, Math.max(page, 0), PAGE_SIZE);
		List<RunListColumn> added = columns.orderedStream().toList();
		List<Map<UUID, String>> values = added.stream().map(column -> column.values(result.items())).toList();
		model.addAttribute("runs", result);
		model.addAttribute("columns", added.stream().map(RunListColumn::heading).toList());
		model.addAttribute("rows", result.items()
			.stream()
			.map(run -> new RunRow(run, values.stream().map(cells -> cells.getOrDefault(run.id(), "")).toList()))
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

	/** The run's page, with the sections other modules add (see {@link RunPage}). */
	@GetMapping("/{id}")
	String detail(@PathVariable UUID id, WebRequest request, Model model) {
		return runPage.show(id, request, model);
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
			BindingResult errors, WebRequest request, Model model, RedirectAttributes redirect) {
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
		return runPage.show(id, request, model);
	}

	/** A refused session, new or changed, beside the form field it names. */
	private static void rejectSession(CohortException ex, BindingResult errors) {
		FormErrors.reject(ex, errors, code -> switch (code) {
			case SESSION_OUTSIDE_RUN -> "date";
			case TRAINER_DOUBLE_BOOKED -> "trainerId";
			default -> null;
		}, SESSION_FIELDS);
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

	@PostMapping("/{id}/cancel")
	String cancel(@PathVariable UUID id, @Valid @ModelAttribute("cancelForm") CancelForm form, BindingResult errors,
			WebRequest request, Model model, RedirectAttributes redirect) {
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
		return runPage.show(id, request, model);
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
