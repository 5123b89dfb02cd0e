package io.cohort.catalog.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseStatus;
import io.cohort.catalog.CourseView;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import io.cohort.system.ProblemCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The catalogue pages (OPS and ADMIN): courses with search, a new course with its
 * modules, and a course's detail with its modules, publish and archive actions and
 * (loaded from the run pages) its runs.
 */
@Controller
@RequestMapping("/courses")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class CoursePages {

	static final int PAGE_SIZE = 25;

	/** How many module rows the new-course form offers; blank rows are ignored. */
	static final int MODULE_ROWS = 5;

	private final CourseManagement courses;

	CoursePages(CourseManagement courses) {
		this.courses = courses;
	}

	/** One module row of the new-course form; a row with every field blank is skipped. */
	record ModuleRow(@Nullable @Size(max = 50) String code, @Nullable @Size(max = 300) String title,
			@Nullable @DecimalMin(value = "0.01", message = "must be greater than 0") BigDecimal hours) {

		boolean blank() {
			return (code == null || code.isBlank()) && (title == null || title.isBlank()) && hours == null;
		}

	}

	/** The new-course form. */
	record CourseForm(@NotBlank @Size(max = 50) String code, @NotBlank @Size(max = 300) String title,
			@Nullable @Size(max = 4000) String description, @Nullable @Size(max = 20) String ssgCourseRef,
			@Nullable List<@Valid ModuleRow> modules) {

		static CourseForm empty() {
			List<ModuleRow> rows = new ArrayList<>();
			for (int i = 0; i < MODULE_ROWS; i++) {
				rows.add(new ModuleRow("", "", null));
			}
			return new CourseForm("", "", "", "", rows);
		}

	}

	/** The edit-course form: its details, SSG course reference and list price. */
	record CourseEditForm(@NotBlank @Size(max = 50) String code, @NotBlank @Size(max = 300) String title,
			@Nullable @Size(max = 4000) String description, @Nullable @Size(max = 20) String ssgCourseRef,
			@Nullable @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 10, fraction = 2,
					message = "must have at most 10 digits and 2 decimals") BigDecimal price) {

		static CourseEditForm of(CourseView course) {
			return new CourseEditForm(course.code(), course.title(), course.description(),
					course.ssgCourseRef() == null ? "" : course.ssgCourseRef(), course.price());
		}

	}

	/** The add-module form of a course's page. */
	record ModuleForm(@NotBlank @Size(max = 50) String code, @NotBlank @Size(max = 300) String title,
			@NotNull @DecimalMin(value = "0.01", message = "must be greater than 0") BigDecimal hours) {

		static ModuleForm empty() {
			return new ModuleForm("", "", BigDecimal.ONE);
		}

	}

	@GetMapping
	String list(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable CourseStatus status, @RequestParam(defaultValue = "0") int page,
			Model model) {
		PageView<CourseView> result = courses.list(status, q, Math.max(page, 0), PAGE_SIZE);
		model.addAttribute("courses", result);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("status", status);
		model.addAttribute("statuses", CourseStatus.values());
		return "courses/list";
	}

	@GetMapping("/new")
	String newCourse(Model model) {
		model.addAttribute("courseForm", CourseForm.empty());
		return "courses/new";
	}

	@PostMapping
	String create(@Valid @ModelAttribute("courseForm") CourseForm form, BindingResult errors,
			RedirectAttributes redirect) {
		List<ModuleRow> rows = form.modules() == null ? List.of() : form.modules();
		List<CourseManagement.NewModule> modules = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			ModuleRow row = rows.get(i);
			if (row == null || row.blank()) {
				continue;
			}
			if (row.code() == null || row.code().isBlank()) {
				errors.rejectValue("modules[" + i + "].code", "NotBlank", "must not be blank");
			}
			if (row.title() == null || row.title().isBlank()) {
				errors.rejectValue("modules[" + i + "].title", "NotBlank", "must not be blank");
			}
			if (row.hours() == null) {
				errors.rejectValue("modules[" + i + "].hours", "NotNull", "must not be empty");
			}
			else if (!errors.hasErrors()) {
				modules.add(new CourseManagement.NewModule(row.code(), row.title(), row.hours()));
			}
		}
		if (!errors.hasErrors()) {
			try {
				CourseView course = courses.create(new CourseManagement.NewCourse(form.code(), form.title(),
						form.description(), form.ssgCourseRef(), modules));
				redirect.addFlashAttribute("notice", "Course " + course.code() + " created.");
				return "redirect:/courses/" + course.id();
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, code -> code == ProblemCode.COURSE_CODE_TAKEN ? "code" : null,
						field -> switch (field) {
							case "code" -> "code";
							case "ssg_course_ref" -> "ssgCourseRef";
							case "title" -> "title";
							default -> null;
						});
			}
		}
		return "courses/new";
	}

	@GetMapping("/{id}")
	String detail(@PathVariable UUID id, Model model) {
		model.addAttribute("course", courses.get(id));
		if (!model.containsAttribute("moduleForm")) {
			model.addAttribute("moduleForm", ModuleForm.empty());
		}
		return "courses/detail";
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable UUID id, Model model) {
		CourseView course = courses.get(id);
		model.addAttribute("course", course);
		if (!model.containsAttribute("courseEditForm")) {
			model.addAttribute("courseEditForm", CourseEditForm.of(course));
		}
		return "courses/edit";
	}

	/**
	 * Saves the details, then the price; the form's checks are those of the price, so
	 * once the details are saved the price is too.
	 */
	@PostMapping("/{id}/edit")
	String update(@PathVariable UUID id, @Valid @ModelAttribute("courseEditForm") CourseEditForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				CourseView course = courses.update(id,
						new CourseManagement.CourseChange(form.code(), form.title(),
								form.description() == null ? "" : form.description(),
								form.ssgCourseRef() == null ? "" : form.ssgCourseRef(), null));
				courses.setPrice(id, form.price());
				redirect.addFlashAttribute("notice", "Course " + course.code() + " saved.");
				return "redirect:/courses/" + id;
			}
			catch (CohortException ex) {
				rethrowNotFound(ex);
				FormErrors.reject(ex, errors, code -> code == ProblemCode.COURSE_CODE_TAKEN ? "code" : null,
						field -> switch (field) {
							case "code" -> "code";
							case "ssg_course_ref" -> "ssgCourseRef";
							default -> Set.of("title", "description", "price").contains(field) ? field : null;
						});
			}
		}
		return edit(id, model);
	}

	@PostMapping("/{id}/modules")
	String addModule(@PathVariable UUID id, @Valid @ModelAttribute("moduleForm") ModuleForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				courses.addModule(id, new CourseManagement.NewModule(form.code(), form.title(), form.hours()));
				redirect.addFlashAttribute("notice", "Module " + form.code().trim() + " added.");
				return "redirect:/courses/" + id;
			}
			catch (CohortException ex) {
				rethrowNotFound(ex);
				FormErrors.reject(ex, errors, code -> code == ProblemCode.MODULE_CODE_TAKEN ? "code" : null,
						Set.of("code", "title", "hours"));
			}
		}
		return detail(id, model);
	}

	/** Publishes, archives or re-publishes the course. */
	@PostMapping("/{id}/status")
	String changeStatus(@PathVariable UUID id, @RequestParam CourseStatus status, RedirectAttributes redirect) {
		try {
			CourseView course = courses.update(id, new CourseManagement.CourseChange(null, null, null, null, status));
			redirect.addFlashAttribute("notice", "Course " + course.code() + " is now " + course.status() + ".");
		}
		catch (CohortException ex) {
			rethrowNotFound(ex);
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/courses/" + id;
	}

	private static void rethrowNotFound(CohortException ex) {
		if (ex.status().value() == 404) {
			throw ex;
		}
	}

}
