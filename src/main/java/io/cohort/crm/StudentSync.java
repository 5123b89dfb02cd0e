package io.cohort.crm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.shared.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A Zoho student (BTEC_Students) becomes a learner. The CRM holds no national id, so the
 * learner is recorded with id type OT and none until staff complete it. Fingerprinted
 * over name, email, phone and status.
 */
@Component
class StudentSync implements RecordSync {

	/**
	 * Student statuses Cohort knows; a learner has no status of its own, so they are only
	 * tracked.
	 */
	static final Map<String, String> STATUSES = Map.ofEntries(Map.entry("active", "Active"),
			Map.entry("inactive", "Inactive"), Map.entry("enrolled", "Enrolled"), Map.entry("graduated", "Graduated"),
			Map.entry("alumni", "Alumni"), Map.entry("completed", "Completed"), Map.entry("withdrawn", "Withdrawn"),
			Map.entry("dropped", "Dropped"), Map.entry("suspended", "Suspended"), Map.entry("pending", "Pending"),
			Map.entry("prospect", "Prospect"));

	private static final String[] NAME = { "Display_Name", "Full_Name", "Student_Name", "name" };

	private static final String[] EMAIL = { "email", "Academic_Email", "Personal_Email" };

	private static final String[] PHONE = { "phone", "Mobile", "Phone_Number" };

	private static final String[] STATUS = { "status", "Student_Status" };

	private final LearnerManagement learners;

	private final CrmRecords records;

	StudentSync(LearnerManagement learners, CrmRecords records) {
		this.learners = learners;
		this.records = records;
	}

	/** A student as Cohort reads it. */
	record Student(String zohoId, String name, String email, @Nullable String phone, @Nullable String status) {

		static Student of(ZohoRecord record) {
			String id = record.id();
			String name = record.text(NAME);
			if (name == null) {
				String first = record.text("First_Name");
				String last = record.text("Last_Name");
				if (first != null || last != null) {
					name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
				}
			}
			if (name == null) {
				throw new InvalidField(record.nameOf(NAME), "is required");
			}
			String email = record.requiredText(EMAIL);
			if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 254) {
				throw new InvalidField(record.nameOf(EMAIL), "must be an email address");
			}
			String phone = record.text(PHONE);
			if (phone != null && phone.length() > 40) {
				throw new InvalidField(record.nameOf(PHONE), "is longer than 40 characters");
			}
			CrmStatus.read(record, STATUSES, "Active", STATUS);
			return new Student(id, name, email, phone, record.text(STATUS));
		}

		Map<String, @Nullable String> fields() {
			Map<String, @Nullable String> fields = new LinkedHashMap<>();
			fields.put("name", name);
			fields.put("email", email);
			fields.put("phone", phone);
			fields.put("status", status);
			return fields;
		}

	}

	@Override
	public Map<String, @Nullable String> fields(ZohoRecord record) {
		return Student.of(record).fields();
	}

	@Override
	public ZohoEntity entity() {
		return ZohoEntity.STUDENTS;
	}

	@Override
	public RecordResult apply(UUID tenant, ZohoRecord record, boolean synced) {
		Student student = Student.of(record);
		String entity = entity().singular();
		Map<String, @Nullable String> fields = student.fields();
		Optional<CrmRecords.Mapped> known = records.claim(tenant, entity, student.zohoId(), synced);
		if (known.isEmpty()) {
			LearnerView learner = learners.register(new LearnerManagement.NewLearner(student.name(), student.email(),
					student.phone(), IdType.OT, null, null, false, null));
			records.insert(tenant, entity, student.zohoId(), learner.id(), fields);
			return RecordResult.of(student.zohoId(), RecordStatus.NEW, "Student created");
		}
		CrmRecords.Mapped mapped = known.get();
		if (mapped.fingerprint().equals(Fingerprint.of(fields))) {
			return RecordResult.of(student.zohoId(), RecordStatus.UNCHANGED, "Student unchanged");
		}
		learners.update(mapped.cohortId(), new LearnerManagement.LearnerChange(student.name(), student.email(),
				student.phone() == null ? "" : student.phone(), null, null, null, null, null));
		records.save(tenant, entity, student.zohoId(), mapped.cohortId(), fields);
		return RecordResult.of(student.zohoId(), RecordStatus.UPDATED, "Student updated")
			.withChanges(Fingerprint.diff(mapped.fields(), fields));
	}

}
