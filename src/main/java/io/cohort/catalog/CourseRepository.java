package io.cohort.catalog;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Courses and modules, always read and written within one tenant.
 */
@Repository
class CourseRepository {

	/**
	 * A course row without its modules; the price is written on its own
	 * ({@link #updatePrice}).
	 */
	record CourseRow(UUID id, String code, String title, String description, @Nullable String ssgCourseRef,
			CourseStatus status, java.time.Instant createdAt, java.time.Instant updatedAt, @Nullable BigDecimal price) {
	}

	private static final RowMapper<CourseRow> ROW = (rs, n) -> new CourseRow(rs.getObject("id", UUID.class),
			rs.getString("code"), rs.getString("title"), rs.getString("description"), rs.getString("ssg_course_ref"),
			CourseStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant(),
			rs.getTimestamp("updated_at").toInstant(), rs.getBigDecimal("price"));

	private final JdbcClient jdbc;

	CourseRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID tenant, CourseRow course) {
		jdbc.sql(
				"""
						INSERT INTO course (id, tenant_id, code, title, description, ssg_course_ref, status, created_at, updated_at)
						VALUES (:id, :tenant, :code, :title, :description, :ref, :status, :created, :updated)""")
			.param("id", course.id())
			.param("tenant", tenant)
			.param("code", course.code())
			.param("title", course.title())
			.param("description", course.description())
			.param("ref", course.ssgCourseRef())
			.param("status", course.status().name())
			.param("created", Timestamp.from(course.createdAt()))
			.param("updated", Timestamp.from(course.updatedAt()))
			.update();
	}

	void update(UUID tenant, CourseRow course) {
		jdbc.sql("""
				UPDATE course SET code = :code, title = :title, description = :description, ssg_course_ref = :ref,
				       status = :status, updated_at = :updated
				WHERE id = :id AND tenant_id = :tenant""")
			.param("id", course.id())
			.param("tenant", tenant)
			.param("code", course.code())
			.param("title", course.title())
			.param("description", course.description())
			.param("ref", course.ssgCourseRef())
			.param("status", course.status().name())
			.param("updated", Timestamp.from(course.updatedAt()))
			.update();
	}

	void updatePrice(UUID tenant, UUID id, @Nullable BigDecimal price, java.time.Instant updatedAt) {
		jdbc.sql("UPDATE course SET price = :price, updated_at = :updated WHERE id = :id AND tenant_id = :tenant")
			.param("id", id)
			.param("tenant", tenant)
			.param("price", price)
			.param("updated", Timestamp.from(updatedAt))
			.update();
	}

	Optional<CourseRow> find(UUID tenant, UUID id, boolean lock) {
		return jdbc.sql("SELECT * FROM course WHERE id = :id AND tenant_id = :tenant" + (lock ? " FOR UPDATE" : ""))
			.param("id", id)
			.param("tenant", tenant)
			.query(ROW)
			.optional();
	}

	List<CourseRow> page(UUID tenant, @Nullable CourseStatus status, @Nullable String query, int page, int size) {
		return jdbc.sql("""
				SELECT * FROM course WHERE tenant_id = :tenant
				  AND (CAST(:status AS TEXT) IS NULL OR status = :status)
				  AND (CAST(:q AS TEXT) IS NULL OR code ILIKE '%' || :q || '%' OR title ILIKE '%' || :q || '%')
				ORDER BY lower(code) LIMIT :size OFFSET :offset""")
			.param("tenant", tenant)
			.param("status", status == null ? null : status.name())
			.param("q", query)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(ROW)
			.list();
	}

	long count(UUID tenant, @Nullable CourseStatus status, @Nullable String query) {
		return jdbc.sql("""
				SELECT count(*) FROM course WHERE tenant_id = :tenant
				  AND (CAST(:status AS TEXT) IS NULL OR status = :status)
				  AND (CAST(:q AS TEXT) IS NULL OR code ILIKE '%' || :q || '%' OR title ILIKE '%' || :q || '%')""")
			.param("tenant", tenant)
			.param("status", status == null ? null : status.name())
			.param("q", query)
			.query(Long.class)
			.single();
	}

	Map<UUID, CourseManagement.CourseSummary> summaries(UUID tenant, List<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return jdbc.sql("SELECT id, code, title FROM course WHERE tenant_id = :tenant AND id IN (:ids)")
			.param("tenant", tenant)
			.param("ids", ids)
			.query((rs, n) -> new CourseManagement.CourseSummary(rs.getObject("id", UUID.class), rs.getString("code"),
					rs.getString("title")))
			.list()
			.stream()
			.collect(Collectors.toMap(CourseManagement.CourseSummary::id, c -> c));
	}

	void insertModule(UUID tenant, UUID courseId, CourseView.ModuleView module) {
		jdbc.sql("""
				INSERT INTO course_module (id, tenant_id, course_id, position, code, title, hours)
				VALUES (:id, :tenant, :course, :position, :code, :title, :hours)""")
			.param("id", module.id())
			.param("tenant", tenant)
			.param("course", courseId)
			.param("position", module.position())
			.param("code", module.code())
			.param("title", module.title())
			.param("hours", module.hours())
			.update();
	}

	void updateModule(UUID tenant, CourseView.ModuleView module) {
		jdbc.sql("""
				UPDATE course_module SET position = :position, code = :code, title = :title, hours = :hours
				WHERE id = :id AND tenant_id = :tenant""")
			.param("id", module.id())
			.param("tenant", tenant)
			.param("position", module.position())
			.param("code", module.code())
			.param("title", module.title())
			.param("hours", module.hours())
			.update();
	}

	void deleteModule(UUID tenant, UUID moduleId) {
		jdbc.sql("DELETE FROM course_module WHERE id = :id AND tenant_id = :tenant")
			.param("id", moduleId)
			.param("tenant", tenant)
			.update();
	}

	Map<UUID, List<CourseView.ModuleView>> modules(UUID tenant, List<UUID> courseIds) {
		if (courseIds.isEmpty()) {
			return Map.of();
		}
		record Row(UUID courseId, CourseView.ModuleView module) {
		}
		return jdbc.sql("""
				SELECT * FROM course_module WHERE tenant_id = :tenant AND course_id IN (:ids)
				ORDER BY course_id, position""")
			.param("tenant", tenant)
			.param("ids", courseIds)
			.query((rs, n) -> new Row(rs.getObject("course_id", UUID.class),
					new CourseView.ModuleView(rs.getObject("id", UUID.class), rs.getInt("position"),
							rs.getString("code"), rs.getString("title"), rs.getBigDecimal("hours"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Row::courseId, java.util.LinkedHashMap::new,
					Collectors.mapping(Row::module, Collectors.toList())));
	}

	static BigDecimal total(List<CourseView.ModuleView> modules) {
		return modules.stream().map(CourseView.ModuleView::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

}
