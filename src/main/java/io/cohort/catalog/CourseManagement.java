package io.cohort.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.shared.AuditFact;
import io.cohort.shared.Changes;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's catalogue: courses and their modules. Every change is audited in its
 * transaction.
 */
@Service
public class CourseManagement {

	/** How many courses {@link #offered()} reads at a time. */
	private static final int PAGE = 500;

	/** SSG course reference numbers, e.g. {@code TGS-2020002096}. */
	static final java.util.regex.Pattern SSG_COURSE_REF = java.util.regex.Pattern.compile("TGS-\\d{10}");

	private final CourseRepository courses;

	private final ApplicationEventPublisher events;

	CourseManagement(CourseRepository courses, ApplicationEventPublisher events) {
		this.courses = courses;
		this.events = events;
	}

	/** A module as asked for: code, title and hours. */
	public record NewModule(String code, String title, BigDecimal hours) {
	}

	/** A new course, with its modules in order. */
	public record NewCourse(String code, String title, @Nullable String description, @Nullable String ssgCourseRef,
			List<NewModule> modules) {
	}

	/**
	 * A partial change: absent fields stay as they are; an empty {@code ssgCourseRef}
	 * clears it.
	 */
	public record CourseChange(@Nullable String code, @Nullable String title, @Nullable String description,
			@Nullable String ssgCourseRef, @Nullable CourseStatus status) {
	}

	/** A partial change of one module. */
	public record ModuleChange(@Nullable String title, @Nullable BigDecimal hours, @Nullable Integer position) {
	}

	@Transactional
	public CourseView create(NewCourse request) {
		UUID tenant = CurrentActor.tenantId();
		Instant now = now();
		CourseRepository.CourseRow row = new CourseRepository.CourseRow(UUID.randomUUID(), request.code().trim(),
				request.title().trim(), request.description() == null ? "" : request.description().trim(),
				courseRef(request.ssgCourseRef()), CourseStatus.DRAFT, now, now, null);
		try {
			courses.insert(tenant, row);
		}
		catch (DuplicateKeyException ex) {
			throw new CohortException(ProblemCode.COURSE_CODE_TAKEN,
					"A course with code " + row.code() + " already exists");
		}
		int position = 1;
		for (NewModule module : request.modules()) {
			addModule(tenant, row.id(), position++, module);
		}
		events.publishEvent(new CourseCreated(tenant, row.id(), row.code()));
		events.publishEvent(AuditFact.of(tenant, "course.created", "course", row.id(),
				Map.of("code", row.code(), "title", row.title(), "modules", request.modules().size())));
		return get(row.id());
	}

	@Transactional(readOnly = true)
	public CourseView get(UUID id) {
		return find(id).orElseThrow(() -> CohortException.notFound("course", id));
	}

	/** The course in the caller's tenant, if there is one. */
	@Transactional(readOnly = true)
	public Optional<CourseView> find(UUID id) {
		UUID tenant = CurrentActor.tenantId();
		return courses.find(tenant, id, false).map(row -> view(row, courses.modules(tenant, List.of(id))));
	}

	/**
	 * The modules of the caller's tenant's courses with these ids, in order, in one
	 * query; a course without modules, or unknown, is left out.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, List<CourseView.ModuleView>> modules(java.util.Collection<UUID> courseIds) {
		return courses.modules(CurrentActor.tenantId(), courseIds.stream().distinct().toList());
	}

	/** A course's code and title, for lists of other things that name their course. */
	public record CourseSummary(UUID id, String code, String title) {
	}

	/**
	 * Code and title of the caller's tenant's courses with these ids, in one query;
	 * unknown ids are left out.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, CourseSummary> summaries(java.util.Collection<UUID> ids) {
		return summaries(CurrentActor.tenantId(), ids);
	}

	/**
	 * As {@link #summaries(java.util.Collection)}, of the tenant given: for listeners
	 * that run after the request, where there is no caller.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, CourseSummary> summaries(UUID tenant, java.util.Collection<UUID> ids) {
		return courses.summaries(tenant, ids.stream().distinct().toList());
	}

	/**
	 * Every course of the tenant that is not archived, read page by page: none is left
	 * out.
	 */
	@Transactional(readOnly = true)
	public List<CourseView> offered() {
		List<CourseView> offered = new java.util.ArrayList<>();
		for (int page = 0;; page++) {
			List<CourseView> views = list(null, null, page, PAGE).items();
			views.stream().filter(course -> course.status() != CourseStatus.ARCHIVED).forEach(offered::add);
			if (views.size() < PAGE) {
				return offered;
			}
		}
	}

	@Transactional(readOnly = true)
	public PageView<CourseView> list(@Nullable CourseStatus status, @Nullable String query, int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		String q = blankToNull(query);
		List<CourseRepository.CourseRow> rows = courses.page(tenant, status, q, page, size);
		Map<UUID, List<CourseView.ModuleView>> modules = courses.modules(tenant,
				rows.stream().map(CourseRepository.CourseRow::id).toList());
		return new PageView<>(rows.stream().map(row -> view(row, modules)).toList(), page, size,
				courses.count(tenant, status, q));
	}

	@Transactional
	public CourseView update(UUID id, CourseChange change) {
		UUID tenant = CurrentActor.tenantId();
		CourseRepository.CourseRow before = courses.find(tenant, id, true)
			.orElseThrow(() -> CohortException.notFound("course", id));
		CourseStatus status = change.status() == null ? before.status() : change.status();
		if (!before.status().canBecome(status)) {
			throw new CohortException(ProblemCode.INVALID_COURSE_TRANSITION,
					"A " + before.status() + " course cannot become " + status);
		}
		if (status == CourseStatus.PUBLISHED && courses.modules(tenant, List.of(id)).isEmpty()) {
			throw new CohortException(ProblemCode.COURSE_WITHOUT_MODULES, "A course needs modules to be published");
		}
		CourseRepository.CourseRow after = new CourseRepository.CourseRow(id,
				change.code() == null ? before.code() : change.code().trim(),
				change.title() == null ? before.title() : change.title().trim(),
				change.description() == null ? before.description() : change.description().trim(),
				change.ssgCourseRef() == null ? before.ssgCourseRef() : courseRef(change.ssgCourseRef()), status,
				before.createdAt(), now(), before.price());
		try {
			courses.update(tenant, after);
		}
		catch (DuplicateKeyException ex) {
			throw new CohortException(ProblemCode.COURSE_CODE_TAKEN,
					"A course with code " + after.code() + " already exists");
		}
		Changes changes = diff(before, after);
		if (!changes.isEmpty()) {
			events.publishEvent(AuditFact.of(tenant, "course.updated", "course", id, changes.toMap()));
		}
		return get(id);
	}

	/** Sets or clears the course's list price (as a CRM program carries it). */
	@Transactional
	public CourseView setPrice(UUID id, @Nullable BigDecimal price) {
		UUID tenant = CurrentActor.tenantId();
		CourseRepository.CourseRow before = courses.find(tenant, id, true)
			.orElseThrow(() -> CohortException.notFound("course", id));
		if (price != null && price.signum() < 0) {
			throw CohortException.invalidField("price", "must not be negative");
		}
		if (price != null && (price.scale() > 2 || price.precision() - price.scale() > 10)) {
			throw CohortException.invalidField("price", "must have at most 10 digits and 2 decimals");
		}
		String from = before.price() == null ? null : before.price().toPlainString();
		String to = price == null ? null : price.toPlainString();
		if (before.price() == null ? price != null : price == null || before.price().compareTo(price) != 0) {
			courses.updatePrice(tenant, id, price, now());
			events.publishEvent(AuditFact.of(tenant, "course.updated", "course", id,
					Changes.of().field("price", from, to).toMap()));
		}
		return get(id);
	}

	@Transactional
	public CourseView addModule(UUID courseId, NewModule module) {
		UUID tenant = CurrentActor.tenantId();
		courses.find(tenant, courseId, true).orElseThrow(() -> CohortException.notFound("course", courseId));
		int position = courses.modules(tenant, List.of(courseId)).getOrDefault(courseId, List.of()).size() + 1;
		CourseView.ModuleView added = addModule(tenant, courseId, position, module);
		events.publishEvent(AuditFact.of(tenant, "course.module.added", "course", courseId,
				Map.of("module_id", added.id().toString(), "code", added.code(), "hours", added.hours())));
		return get(courseId);
	}

	@Transactional
	public CourseView updateModule(UUID courseId, UUID moduleId, ModuleChange change) {
		UUID tenant = CurrentActor.tenantId();
		courses.find(tenant, courseId, true).orElseThrow(() -> CohortException.notFound("course", courseId));
		List<CourseView.ModuleView> modules = new ArrayList<>(
				courses.modules(tenant, List.of(courseId)).getOrDefault(courseId, List.of()));
		CourseView.ModuleView before = modules.stream()
			.filter(m -> m.id().equals(moduleId))
			.findFirst()
			.orElseThrow(() -> CohortException.notFound("module", moduleId));
		if (change.hours() != null && change.hours().signum() <= 0) {
			throw CohortException.invalidField("hours", "must be greater than 0");
		}
		CourseView.ModuleView after = new CourseView.ModuleView(moduleId, before.position(), before.code(),
				change.title() == null ? before.title() : change.title().trim(),
				change.hours() == null ? before.hours() : change.hours());
		modules.set(modules.indexOf(before), after);
		if (change.position() != null && change.position() != before.position()) {
			if (change.position() < 1 || change.position() > modules.size()) {
				throw CohortException.invalidField("position", "must be between 1 and " + modules.size());
			}
			modules.remove(after);
			modules.add(change.position() - 1, after);
		}
		renumber(tenant, modules);
		events.publishEvent(AuditFact.of(tenant, "course.module.updated", "course", courseId,
				Map.of("module_id", moduleId.toString(), "title", after.title(), "hours", after.hours(), "position",
						modules.indexOf(after) + 1)));
		return get(courseId);
	}

	@Transactional
	public CourseView removeModule(UUID courseId, UUID moduleId) {
		UUID tenant = CurrentActor.tenantId();
		CourseRepository.CourseRow course = courses.find(tenant, courseId, true)
			.orElseThrow(() -> CohortException.notFound("course", courseId));
		if (course.status() != CourseStatus.DRAFT) {
			throw new CohortException(ProblemCode.COURSE_NOT_DRAFT, "Modules can only be removed from a DRAFT course");
		}
		List<CourseView.ModuleView> modules = new ArrayList<>(
				courses.modules(tenant, List.of(courseId)).getOrDefault(courseId, List.of()));
		CourseView.ModuleView removed = modules.stream()
			.filter(m -> m.id().equals(moduleId))
			.findFirst()
			.orElseThrow(() -> CohortException.notFound("module", moduleId));
		courses.deleteModule(tenant, moduleId);
		modules.remove(removed);
		renumber(tenant, modules);
		events.publishEvent(AuditFact.of(tenant, "course.module.removed", "course", courseId,
				Map.of("module_id", moduleId.toString(), "code", removed.code())));
		return get(courseId);
	}

	private CourseView.ModuleView addModule(UUID tenant, UUID courseId, int position, NewModule module) {
		CourseView.ModuleView row = new CourseView.ModuleView(UUID.randomUUID(), position, module.code().trim(),
				module.title().trim(), module.hours());
		try {
			courses.insertModule(tenant, courseId, row);
		}
		catch (DuplicateKeyException ex) {
			throw new CohortException(ProblemCode.MODULE_CODE_TAKEN,
					"The course already has a module with code " + row.code());
		}
		return row;
	}

	private void renumber(UUID tenant, List<CourseView.ModuleView> modules) {
		for (int i = 0; i < modules.size(); i++) {
			CourseView.ModuleView m = modules.get(i);
			courses.updateModule(tenant, new CourseView.ModuleView(m.id(), i + 1, m.code(), m.title(), m.hours()));
		}
	}

	private static CourseView view(CourseRepository.CourseRow row, Map<UUID, List<CourseView.ModuleView>> modules) {
		List<CourseView.ModuleView> own = modules.getOrDefault(row.id(), List.of());
		return new CourseView(row.id(), row.code(), row.title(), row.description(), row.ssgCourseRef(), row.status(),
				own, CourseRepository.total(own), row.createdAt(), row.updatedAt(), row.price());
	}

	private static Changes diff(CourseRepository.CourseRow before, CourseRepository.CourseRow after) {
		return Changes.of()
			.field("code", before.code(), after.code())
			.field("title", before.title(), after.title())
			.field("description", before.description(), after.description())
			.field("ssg_course_ref", before.ssgCourseRef(), after.ssgCourseRef())
			.field("status", before.status().name(), after.status().name());
	}

	private static @Nullable String courseRef(@Nullable String value) {
		String ref = blankToNull(value);
		if (ref != null && !SSG_COURSE_REF.matcher(ref).matches()) {
			throw CohortException.invalidField("ssg_course_ref", "must look like TGS-2020002096");
		}
		return ref;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}
