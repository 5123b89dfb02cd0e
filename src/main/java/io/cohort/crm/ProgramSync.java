package io.cohort.crm;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseStatus;
import io.cohort.catalog.CourseView;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A Zoho program (a Products record) becomes a course, its price kept on the course.
 * Fingerprinted over seed 003's fields (name, price, moodle_id, status) and the product
 * code.
 */
@Component
class ProgramSync implements RecordSync {

	/** What a program's status means for its course. */
	enum Meaning {

		ACTIVE, DRAFT, RETIRED

	}

	static final Map<String, Meaning> STATUSES = Map.of("active", Meaning.ACTIVE, "draft", Meaning.DRAFT, "planned",
			Meaning.DRAFT, "inactive", Meaning.RETIRED, "archived", Meaning.RETIRED, "discontinued", Meaning.RETIRED,
			"cancelled", Meaning.RETIRED, "canceled", Meaning.RETIRED);

	private final CourseManagement courses;

	private final CrmRecords records;

	ProgramSync(CourseManagement courses, CrmRecords records) {
		this.courses = courses;
		this.records = records;
	}

	/** A program as Cohort reads it. */
	record Program(String zohoId, String name, @Nullable BigDecimal price, @Nullable String moodleId, Meaning meaning,
			@Nullable String status, @Nullable String code) {

		static Program of(ZohoRecord record) {
			String id = record.id();
			String name = record.requiredText("Product_Name", "Program_Name", "Name");
			BigDecimal price = record.decimal("Price", "Program_Price", "Unit_Price");
			if (price != null && (price.signum() < 0 || price.scale() > 2 || price.precision() - price.scale() > 10)) {
				throw new InvalidField(record.nameOf("Price", "Program_Price", "Unit_Price"),
						"must be an amount of at most 10 digits and 2 decimals, not negative");
			}
			Meaning meaning = CrmStatus.read(record, STATUSES, Meaning.ACTIVE, "status", "Program_Status",
					"Product_Status");
			return new Program(id, name, price, record.text("moodle_id", "Moodle_ID", "Moodle_Course_ID"), meaning,
					record.text("status", "Program_Status", "Product_Status"),
					record.text("Product_Code", "Program_Code", "Code"));
		}

		Map<String, @Nullable String> fields() {
			Map<String, @Nullable String> fields = new LinkedHashMap<>();
			fields.put("name", name);
			fields.put("price", price == null ? null : price.stripTrailingZeros().toPlainString());
			fields.put("moodle_id", moodleId);
			fields.put("status", status);
			fields.put("code", code);
			return fields;
		}

		String courseCode() {
			return code != null ? code : zohoId;
		}

	}

	@Override
	public Map<String, @Nullable String> fields(ZohoRecord record) {
		return Program.of(record).fields();
	}

	@Override
	public ZohoEntity entity() {
		return ZohoEntity.PROGRAMS;
	}

	@Override
	public RecordResult apply(UUID tenant, ZohoRecord record, boolean synced) {
		Program program = Program.of(record);
		String entity = entity().singular();
		Map<String, @Nullable String> fields = program.fields();
		Optional<CrmRecords.Mapped> known = records.claim(tenant, entity, program.zohoId(), synced);
		if (known.isEmpty()) {
			CourseView course = courses
				.create(new CourseManagement.NewCourse(program.courseCode(), program.name(), null, null, List.of()));
			courses.setPrice(course.id(), program.price());
			applyStatus(course.id(), program.meaning());
			records.insert(tenant, entity, program.zohoId(), course.id(), fields);
			return RecordResult.of(program.zohoId(), RecordStatus.NEW, "Program created");
		}
		CrmRecords.Mapped mapped = known.get();
		if (mapped.fingerprint().equals(Fingerprint.of(fields))) {
			return RecordResult.of(program.zohoId(), RecordStatus.UNCHANGED, "Program unchanged");
		}
		UUID courseId = mapped.cohortId();
		courses.update(courseId,
				new CourseManagement.CourseChange(program.courseCode(), program.name(), null, null, null));
		courses.setPrice(courseId, program.price());
		applyStatus(courseId, program.meaning());
		records.save(tenant, entity, program.zohoId(), courseId, fields);
		return RecordResult.of(program.zohoId(), RecordStatus.UPDATED, "Program updated")
			.withChanges(Fingerprint.diff(mapped.fields(), fields));
	}

	/**
	 * An active program's course is published once it has modules (the units its classes
	 * bring) and stays a draft until then; a retired one is archived; a draft one stays
	 * as it is.
	 */
	void applyStatus(UUID courseId, Meaning meaning) {
		CourseView course = courses.get(courseId);
		CourseStatus target = switch (meaning) {
			case ACTIVE -> course.modules().isEmpty() ? course.status() : CourseStatus.PUBLISHED;
			case DRAFT -> course.status();
			case RETIRED -> CourseStatus.ARCHIVED;
		};
		if (target != course.status()) {
			courses.update(courseId, new CourseManagement.CourseChange(null, null, null, null, target));
		}
	}

}
