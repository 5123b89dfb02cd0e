package io.cohort.crm;

import java.util.List;
import java.util.Map;

import io.cohort.testing.Api;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 003's own examples, replayed in its order against a tenant of the test's own: its
 * curl cases (programs, a class with dependencies, an enrolment checked for its
 * dependencies) and its Postman collection, each with the documented statuses and
 * response shapes.
 */
class CrmWebhookIntegrationTests extends ApiIntegrationTest {

	TestTenant tenant;

	String key;

	@BeforeEach
	void tenantWithKey() {
		tenant = api.newTenant();
		key = tenant.addApiKey().key();
	}

	Api.Response sync(String entity, String body) {
		return api.post("/v1/sync/" + entity).apiKey(key).header("X-Tenant-ID", tenant.slug()).json(body).send();
	}

	/**
	 * The response with its idempotency key checked and blanked, for comparing with the
	 * seed's shape.
	 */
	static JsonNode shape(Api.Response response) {
		response.expect(200);
		assertThat(response.contentType()).startsWith("application/json");
		JsonNode json = response.json();
		assertThat(json.get("idempotency_key").asString()).matches("[0-9a-f]{64}");
		((ObjectNode) json).put("idempotency_key", "…");
		return json;
	}

	static JsonNode json(String text) {
		return Api.JSON.readTree(text);
	}

	static final String PROGRAMS = """
			{
			  "data": [
			    {"id": "PROD_001", "Product_Name": "Python Essentials", "Price": "199.99", "status": "Active"},
			    {"id": "PROD_002", "Product_Name": "Web Development", "Price": "299.99", "status": "Active"}
			  ]
			}""";

	static final String CLASSES = """
			{
			  "data": [
			    {
			      "id": "CLASS_001",
			      "BTEC_Class_Name": "Python Fundamentals - Cohort A",
			      "Short_Name": "PY101-A",
			      "status": "Active",
			      "Start_Date": "2024-02-01",
			      "End_Date": "2024-06-30",
			      "Teacher": { "id": "TEACHER_001" },
			      "Unit": { "id": "UNIT_001" },
			      "BTEC_Program": { "id": "PROD_001" }
			    }
			  ]
			}""";

	static final String ENROLLMENTS = """
			{
			  "data": [
			    {
			      "id": "ENR_001",
			      "Student": { "id": "STUDENT_001" },
			      "BTEC_Class": { "id": "CLASS_001" },
			      "BTEC_Program": { "id": "PROD_001" },
			      "status": "Active",
			      "Start_Date": "2024-02-01"
			    }
			  ]
			}""";

	@Test
	void createsTheSeedsTwoProgramsAsNew() {
		assertThat(shape(sync("programs", PROGRAMS))).isEqualTo(json("""
				{"status": "success", "idempotency_key": "…", "results": [
				  {"zoho_program_id": "PROD_001", "status": "NEW", "message": "Program created"},
				  {"zoho_program_id": "PROD_002", "status": "NEW", "message": "Program created"}]}"""));
		JsonNode courses = api.get("/api/v1/courses?q=PROD_00").bearer(tenant.adminToken()).send().expect(200).json();
		assertThat(courses.get("items").values()).extracting(c -> c.get("title").asString() + " " + c.get("price"))
			.containsExactlyInAnyOrder("Python Essentials 199.99", "Web Development 299.99");
	}

	@Test
	void createsTheSeedsClassOnceItsProgramIsSynced() {
		sync("programs", PROGRAMS).expect(200);
		assertThat(shape(sync("classes", CLASSES))).isEqualTo(json("""
				{"status": "success", "idempotency_key": "…", "results": [
				  {"zoho_class_id": "CLASS_001", "status": "NEW", "message": "Class created"}]}"""));
		JsonNode run = api.get("/api/v1/runs")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("items")
			.get(0);
		assertThat(run.get("reference").asString()).isEqualTo("PY101-A");
		assertThat(run.get("start_date").asString()).isEqualTo("2024-02-01");
		assertThat(run.get("capacity").asInt()).isEqualTo(50);
		assertThat(run.get("status").asString()).isEqualTo("PUBLISHED");
		JsonNode course = api.get("/api/v1/courses/" + run.get("course_id").asString())
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json();
		assertThat(course.get("modules").values()).extracting(m -> m.get("code").asString())
			.containsExactly("UNIT_001");
		assertThat(course.get("status").asString()).as("an active program's course is published once it has a unit")
			.isEqualTo("PUBLISHED");
		assertThat(api.get("/api/v1/trainers").bearer(tenant.adminToken()).send().expect(200).json().values())
			.extracting(t -> t.get("full_name").asString())
			.containsExactly("Zoho teacher TEACHER_001");
	}

	@Test
	void skipsTheSeedsEnrolmentUntilItsStudentIsSyncedThenCreatesIt() {
		sync("programs", PROGRAMS).expect(200);
		sync("classes", CLASSES).expect(200);
		assertThat(shape(sync("enrollments", ENROLLMENTS))).isEqualTo(json("""
				{"status": "success", "idempotency_key": "…", "results": [
				  {"zoho_enrollment_id": "ENR_001", "status": "SKIPPED", "reason": "student_not_synced_yet",
				   "message": "Student STUDENT_001 not synced yet"}]}"""));
		sync("students",
				"""
						{"data": [{"id": "STUDENT_001", "Name": "Aisha Tan", "email": "aisha@example.com", "status": "Active"}]}""")
			.expect(200);
		assertThat(shape(sync("enrollments", ENROLLMENTS))).isEqualTo(json("""
				{"status": "success", "idempotency_key": "…", "results": [
				  {"zoho_enrollment_id": "ENR_001", "status": "NEW", "message": "Enrollment created",
				   "moodle_status": "PENDING_MOODLE", "enrollment_status": "CONFIRMED"}]}"""));
		JsonNode enrolment = api.get("/api/v1/enrollments")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("items")
			.get(0);
		assertThat(enrolment.get("source").asString()).isEqualTo("CRM");
		assertThat(enrolment.get("learner_name").asString()).isEqualTo("Aisha Tan");
	}

	@Test
	void answersTheIdenticalSecondRequestWithTheCachedResponse() {
		String program = """
				{"data": [{"id": "prod_123", "Product_Name": "Python Certification", "Price": "299.99", "status": "Active"}]}""";
		Api.Response first = sync("programs", program);
		assertThat(shape(first)).isEqualTo(json("""
				{"status": "success", "idempotency_key": "…", "results": [
				  {"zoho_program_id": "prod_123", "status": "NEW", "message": "Program created"}]}"""));
		Api.Response second = sync("programs", program).expect(200);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.header("Idempotent-Replayed")).contains("true");
		assertThat(countOf("crm_delivery")).isEqualTo(1);
	}

	@Test
	void runsThePostmanCollectionsThreeRequests() {
		Api.Response programs = sync("programs",
				"""
						{"data": [{"id": "PROD_4821", "Product_Name": "Python Course", "Price": "199.99", "status": "Active"}]}""");
		assertThat(programs.status()).isEqualTo(200);
		assertThat(programs.json().get("results").size()).isPositive();
		assertThat(shape(sync("classes", """
				{"data": [{"id": "CLASS_7730", "BTEC_Class_Name": "Advanced Python", "Short_Name": "PY301",
				  "status": "Active", "Start_Date": "2024-02-01", "End_Date": "2024-06-30",
				  "BTEC_Program": { "id": "PROD_1234" }}]}"""))).isEqualTo(json("""
				{"status": "success", "idempotency_key": "…", "results": [
				  {"zoho_class_id": "CLASS_7730", "status": "SKIPPED", "reason": "program_not_synced_yet",
				   "message": "Program PROD_1234 not synced yet"}]}"""));
		assertThat(shape(sync("enrollments", """
				{"data": [{"id": "ENR_5120", "Student": { "id": "STU_001" }, "BTEC_Class": { "id": "CLASS_001" },
				  "BTEC_Program": { "id": "PROD_001" }, "status": "Active", "Start_Date": "2024-02-01"}]}""")))
			.isEqualTo(json("""
					{"status": "success", "idempotency_key": "…", "results": [
					  {"zoho_enrollment_id": "ENR_5120", "status": "SKIPPED", "reason": "student_not_synced_yet",
					   "message": "Student STU_001 not synced yet"}]}"""));
	}

	@Test
	void answersTheApiSectionsThreeExamples() {
		assertThat(shape(sync("programs",
				"""
						{"data": [{"id": "prog_123", "Product_Name": "Python Certification", "Price": "299.99", "status": "Active"}]}""")))
			.isEqualTo(json("""
					{"status": "success", "idempotency_key": "…", "results": [
					  {"zoho_program_id": "prog_123", "status": "NEW", "message": "Program created"}]}"""));
		assertThat(shape(sync("classes", """
				{"data": [{"id": "class_456", "BTEC_Class_Name": "Advanced Python", "Short_Name": "PY301",
				  "status": "Active", "Start_Date": "2024-02-01", "End_Date": "2024-06-30",
				  "Teacher": { "id": "teacher_001" }, "Unit": { "id": "unit_001" },
				  "BTEC_Program": { "id": "prog_123" }}]}"""))).isEqualTo(json("""
				{"status": "success", "idempotency_key": "…", "results": [
				  {"zoho_class_id": "class_456", "status": "NEW", "message": "Class created"}]}"""));
		sync("students", """
				{"data": [{"id": "student_001", "Display_Name": "Ben Lim", "Academic_Email": "ben@example.com"}]}""")
			.expect(200);
		assertThat(shape(sync("enrollments", """
				{"data": [{"id": "enr_789", "Student": { "id": "student_001" }, "BTEC_Class": { "id": "class_456" },
				  "BTEC_Program": { "id": "prog_123" }, "status": "Active", "Start_Date": "2024-02-01"}]}""")))
			.isEqualTo(json("""
					{"status": "success", "idempotency_key": "…", "results": [
					  {"zoho_enrollment_id": "enr_789", "status": "NEW", "message": "Enrollment created",
					   "moodle_status": "PENDING_MOODLE", "enrollment_status": "CONFIRMED"}]}"""));
	}

	@Test
	void listsExactlyTheFieldsThatChanged() {
		sync("programs", PROGRAMS).expect(200);
		assertThat(shape(sync("programs", """
				{"data": [
				  {"id": "PROD_001", "Product_Name": "Python Essentials", "Price": "249.00", "status": "Active"},
				  {"id": "PROD_002", "Product_Name": "Web Development", "Price": 299.99, "status": "Active"}]}""")))
			.isEqualTo(json("""
					{"status": "success", "idempotency_key": "…", "results": [
					  {"zoho_program_id": "PROD_001", "status": "UPDATED", "message": "Program updated",
					   "changes": {"price": {"old": "199.99", "new": "249"}}},
					  {"zoho_program_id": "PROD_002", "status": "UNCHANGED", "message": "Program unchanged"}]}"""));
		JsonNode course = api.get("/api/v1/courses?q=PROD_001")
			.bearer(tenant.adminToken())
			.send()
			.expect(200)
			.json()
			.get("items")
			.get(0);
		assertThat(course.get("price").decimalValue()).isEqualByComparingTo("249");
	}

	long countOf(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = :tenant")
			.param("tenant", tenant.id())
			.query(Long.class)
			.single();
	}

	static Map<String, Object> record(Object... pairs) {
		Map<String, Object> record = new java.util.LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			record.put((String) pairs[i], pairs[i + 1]);
		}
		return record;
	}

	static Map<String, Object> data(List<?> records) {
		return Map.of("data", records);
	}

}
