package io.cohort.crm;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.catalog.CourseView;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.scheduling.TrainerView;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A Zoho class (BTEC_Classes) becomes a class run of its program's course: its teacher a
 * trainer, its unit a module of the course, its capacity the record's, else the tenant's
 * default, else 50. A class whose program is not synced yet is SKIPPED. Fingerprinted
 * over seed 003's fields (name, short name, dates, status, program) and the teacher, unit
 * and capacity that are mapped too.
 */
@Component
class ClassSync implements RecordSync {

	static final Map<String, RunStatus> STATUSES = Map.ofEntries(Map.entry("active", RunStatus.PUBLISHED),
			Map.entry("open", RunStatus.PUBLISHED), Map.entry("published", RunStatus.PUBLISHED),
			Map.entry("ongoing", RunStatus.ONGOING), Map.entry("inprogress", RunStatus.ONGOING),
			Map.entry("planned", RunStatus.DRAFT), Map.entry("draft", RunStatus.DRAFT),
			Map.entry("upcoming", RunStatus.DRAFT), Map.entry("completed", RunStatus.COMPLETED),
			Map.entry("finished", RunStatus.COMPLETED), Map.entry("closed", RunStatus.COMPLETED),
			Map.entry("cancelled", RunStatus.CANCELLED), Map.entry("canceled", RunStatus.CANCELLED));

	/**
	 * The order a run's status moves in; a class may jump ahead, the run walks there step
	 * by step.
	 */
	private static final List<RunStatus> PATH = List.of(RunStatus.DRAFT, RunStatus.PUBLISHED, RunStatus.ONGOING,
			RunStatus.COMPLETED);

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	private final TrainerManagement trainers;

	private final ProgramSync programs;

	private final CrmRecords records;

	private final CrmSettings settings;

	ClassSync(ClassRunManagement runs, CourseManagement courses, TrainerManagement trainers, ProgramSync programs,
			CrmRecords records, CrmSettings settings) {
		this.runs = runs;
		this.courses = courses;
		this.trainers = trainers;
		this.programs = programs;
		this.records = records;
		this.settings = settings;
	}

	/** A class as Cohort reads it. */
	record ZohoClass(String zohoId, String name, @Nullable String shortName, @Nullable String status,
			RunStatus runStatus, LocalDate startDate, LocalDate endDate, String programId, @Nullable String teacherId,
			@Nullable String teacherName, @Nullable String unitId, @Nullable String unitName,
			@Nullable Integer capacity, @Nullable String moodleClassId) {

		static ZohoClass of(ZohoRecord record) {
			String id = record.id();
			String name = record.requiredText("BTEC_Class_Name", "Class_Name", "Name");
			RunStatus runStatus = CrmStatus.read(record, STATUSES, RunStatus.PUBLISHED, "status", "Class_Status");
			LocalDate start = record.date("Start_Date");
			LocalDate end = record.date("End_Date");
			if (start == null) {
				throw new InvalidField(record.nameOf("Start_Date"), "is required");
			}
			if (end == null) {
				throw new InvalidField(record.nameOf("End_Date"), "is required");
			}
			if (end.isBefore(start)) {
				throw new InvalidField(record.nameOf("End_Date"), "must not be before Start_Date");
			}
			String program = record.lookup("BTEC_Program", "Program", "Product");
			if (program == null) {
				throw new InvalidField(record.nameOf("BTEC_Program", "Program", "Product"), "is required");
			}
			Integer capacity = record.integer("Capacity", "Class_Capacity", "Max_Students");
			if (capacity != null && (capacity < 1 || capacity > 100_000)) {
				throw new InvalidField(record.nameOf("Capacity", "Class_Capacity", "Max_Students"),
						"must be between 1 and 100000");
			}
			return new ZohoClass(id, name, record.text("Short_Name", "Class_Short_Name"),
					record.text("status", "Class_Status"), runStatus, start, end, program,
					record.lookup("Teacher", "Class_Teacher"), record.lookupName("Teacher", "Class_Teacher"),
					record.lookup("Unit", "BTEC_Unit"), record.lookupName("Unit", "BTEC_Unit"), capacity,
					record.text("Moodle_Class_ID", "moodle_class_id"));
		}

		Map<String, @Nullable String> fields() {
			Map<String, @Nullable String> fields = new LinkedHashMap<>();
			fields.put("name", name);
			fields.put("short_name", shortName);
			fields.put("start_date", startDate.toString());
			fields.put("end_date", endDate.toString());
			fields.put("status", status);
			fields.put("program_zoho_id", programId);
			fields.put("teacher_zoho_id", teacherId);
			fields.put("unit_zoho_id", unitId);
			fields.put("capacity", capacity == null ? null : capacity.toString());
			if (moodleClassId != null) {
				// only when set: the fingerprints of classes synced before it was read
				// stay the same
				fields.put("moodle_class_id", moodleClassId);
			}
			return fields;
		}

		String reference() {
			return shortName != null ? shortName : name;
		}

	}

	@Override
	public Map<String, @Nullable String> fields(ZohoRecord record) {
		return ZohoClass.of(record).fields();
	}

	@Override
	public ZohoEntity entity() {
		return ZohoEntity.CLASSES;
	}

	@Override
	public RecordResult apply(UUID tenant, ZohoRecord record, boolean synced) {
		ZohoClass zohoClass = ZohoClass.of(record);
		String entity = entity().singular();
		Optional<CrmRecords.Mapped> program = records.find(tenant, ZohoEntity.PROGRAMS.singular(),
				zohoClass.programId());
		if (program.isEmpty()) {
			return RecordResult.skipped(zohoClass.zohoId(), "program_not_synced_yet",
					"Program " + zohoClass.programId() + " not synced yet");
		}
		UUID courseId = program.get().cohortId();
		Map<String, @Nullable String> fields = zohoClass.fields();
		Optional<CrmRecords.Mapped> known = records.claim(tenant, entity, zohoClass.zohoId(), synced);
		if (known.isPresent() && known.get().fingerprint().equals(Fingerprint.of(fields))) {
			return RecordResult.of(zohoClass.zohoId(), RecordStatus.UNCHANGED, "Class unchanged");
		}
		if (zohoClass.teacherId() != null) {
			trainer(tenant, zohoClass.teacherId(), zohoClass.teacherName());
		}
		if (zohoClass.unitId() != null) {
			module(courseId, zohoClass.unitId(), zohoClass.unitName());
			programs.applyStatus(courseId, programMeaning(program.get()));
		}
		int capacity = zohoClass.capacity() != null ? zohoClass.capacity()
				: records.defaultCapacity(tenant).orElse(settings.defaultCapacity());
		if (known.isEmpty()) {
			LocalDate today = runs.today(tenant);
			LocalDate opens = zohoClass.startDate().isBefore(today) ? zohoClass.startDate() : today;
			if (opens.isAfter(zohoClass.endDate())) {
				opens = zohoClass.startDate();
			}
			RunStatus first = zohoClass.runStatus() == RunStatus.DRAFT || zohoClass.runStatus() == RunStatus.CANCELLED
					? RunStatus.DRAFT : RunStatus.PUBLISHED;
			ClassRunView run = runs.schedule(courseId,
					new ClassRunManagement.NewRun(zohoClass.reference(), zohoClass.startDate(), zohoClass.endDate(),
							opens, zohoClass.endDate(), capacity, "1", null, false, false, first),
					ClassRunManagement.Source.CRM);
			moveTo(run, zohoClass.runStatus());
			records.insert(tenant, entity, zohoClass.zohoId(), run.id(), fields);
			return RecordResult.of(zohoClass.zohoId(), RecordStatus.NEW, "Class created");
		}
		CrmRecords.Mapped mapped = known.get();
		ClassRunView before = runs.get(mapped.cohortId());
		if (!before.courseId().equals(courseId)) {
			throw new InvalidField(record.nameOf("BTEC_Program", "Program", "Product"),
					"cannot move a class to another program once synced");
		}
		LocalDate opens = before.registrationOpens().isBefore(zohoClass.startDate()) ? before.registrationOpens()
				: zohoClass.startDate();
		ClassRunView run = runs.update(before.id(),
				new ClassRunManagement.RunChange(zohoClass.reference(), zohoClass.startDate(), zohoClass.endDate(),
						opens, zohoClass.endDate(), capacity, null, null, null, null, null));
		moveTo(run, zohoClass.runStatus());
		records.save(tenant, entity, zohoClass.zohoId(), run.id(), fields);
		return RecordResult.of(zohoClass.zohoId(), RecordStatus.UPDATED, "Class updated")
			.withChanges(Fingerprint.diff(mapped.fields(), fields));
	}

	private void moveTo(ClassRunView run, RunStatus target) {
		if (target == run.status()) {
			return;
		}
		if (target == RunStatus.CANCELLED) {
			runs.cancel(run.id(), "Cancelled in the CRM");
			return;
		}
		int from = PATH.indexOf(run.status());
		int to = PATH.indexOf(target);
		if (from < 0 || to <= from) {
			runs.update(run.id(), statusChange(target));
			return;
		}
		for (int step = from + 1; step <= to; step++) {
			runs.update(run.id(), statusChange(PATH.get(step)));
		}
	}

	private static ClassRunManagement.RunChange statusChange(RunStatus status) {
		return new ClassRunManagement.RunChange(null, null, null, null, null, null, null, null, null, null, status);
	}

	private static ProgramSync.Meaning programMeaning(CrmRecords.Mapped program) {
		String status = program.fields().get("status");
		if (status == null) {
			return ProgramSync.Meaning.ACTIVE;
		}
		return ProgramSync.STATUSES.getOrDefault(CrmStatus.normal(status), ProgramSync.Meaning.DRAFT);
	}

	/**
	 * The teacher's trainer: found through its own mapping, else created (staff complete
	 * its email).
	 */
	private UUID trainer(UUID tenant, String teacherId, @Nullable String teacherName) {
		String entity = "teacher";
		Optional<CrmRecords.Mapped> known = records.find(tenant, entity, teacherId);
		if (known.isPresent()) {
			return known.get().cohortId();
		}
		String local = teacherId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
		TrainerView trainer = trainers
			.create(new TrainerManagement.NewTrainer(teacherName != null ? teacherName : "Zoho teacher " + teacherId,
					"zoho-teacher-" + local + "@crm.invalid", null));
		Map<String, @Nullable String> fields = new LinkedHashMap<>();
		fields.put("name", teacherName);
		records.save(tenant, entity, teacherId, trainer.id(), fields);
		return trainer.id();
	}

	/**
	 * The unit's module of the course (code: the unit's Zoho id), added with one hour
	 * until staff set it.
	 */
	private void module(UUID courseId, String unitId, @Nullable String unitName) {
		CourseView course = courses.get(courseId);
		boolean present = course.modules().stream().anyMatch(m -> m.code().equalsIgnoreCase(unitId));
		if (!present) {
			courses.addModule(courseId, new CourseManagement.NewModule(unitId,
					unitName != null ? unitName : "Unit " + unitId, BigDecimal.ONE));
		}
	}

}
