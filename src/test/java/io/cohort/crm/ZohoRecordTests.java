package io.cohort.crm;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import io.cohort.system.ProblemCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading Zoho's records tolerantly but never loosely, the body shapes Zoho sends, and
 * fingerprints.
 */
class ZohoRecordTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static ZohoRecord record(String json) {
		return ZohoRecord.of(JSON.readTree(json));
	}

	@Test
	void matchesFieldNamesWhateverTheirCaseAndUnderTheirAliases() {
		ZohoRecord record = record("""
				{"ID": "1", "product_name": "Python", "PROGRAM_PRICE": "12.50", "Class_Short_Name": "PY-1"}""");
		assertThat(record.id()).isEqualTo("1");
		assertThat(record.requiredText("Product_Name", "Name")).isEqualTo("Python");
		assertThat(record.decimal("Price", "Program_Price")).isEqualByComparingTo("12.50");
		assertThat(record.text("Short_Name", "Class_Short_Name")).isEqualTo("PY-1");
	}

	@Test
	void readsLookupsAsObjectsOrPlainIds() {
		ZohoRecord record = record(
				"""
						{"BTEC_Program": {"id": "P1", "name": "Python"}, "Classes": "C1", "Student": {"id": 5843017000000345678},
						 "Teacher": {"name": "No id"}}""");
		assertThat(record.lookup("BTEC_Program")).isEqualTo("P1");
		assertThat(record.lookupName("BTEC_Program")).isEqualTo("Python");
		assertThat(record.lookup("BTEC_Class", "Classes")).isEqualTo("C1");
		assertThat(record.lookup("Student")).isEqualTo("5843017000000345678");
		assertThatThrownBy(() -> record.lookup("Teacher")).isInstanceOf(InvalidField.class)
			.hasMessage("Teacher must carry an id");
	}

	@Test
	void readsZohosDatesAndDateTimes() {
		ZohoRecord record = record(
				"""
						{"a": "2024-02-01", "b": "2018-03-28T10:32:45+05:30", "c": "2024-02-01T23:30:00Z", "d": "2024-02-01T08:00:00",
						 "e": "01/02/2024", "f": 20240201}""");
		assertThat(record.date("a")).isEqualTo(LocalDate.of(2024, 2, 1));
		assertThat(record.date("b")).isEqualTo(LocalDate.of(2018, 3, 28));
		assertThat(record.date("c")).isEqualTo(LocalDate.of(2024, 2, 1));
		assertThat(record.date("d")).isEqualTo(LocalDate.of(2024, 2, 1));
		assertThatThrownBy(() -> record.date("e")).isInstanceOf(InvalidField.class).hasMessageStartingWith("e must be");
		assertThatThrownBy(() -> record.date("f")).isInstanceOf(InvalidField.class).hasMessageStartingWith("f must be");
	}

	@Test
	void neverReadsAValueOfTheWrongTypeAsEmpty() {
		ZohoRecord record = record("""
				{"id": {"x": 1}, "Product_Name": 42, "Price": "abc", "Capacity": 1.5, "Flag": true, "Blank": "  "}""");
		assertThatThrownBy(record::id).isInstanceOf(InvalidField.class).hasMessage("id must be a string id");
		assertThatThrownBy(() -> record.text("Product_Name")).isInstanceOf(InvalidField.class)
			.hasMessage("Product_Name must be a string");
		assertThatThrownBy(() -> record.decimal("Price")).hasMessage("Price must be a number");
		assertThatThrownBy(() -> record.integer("Capacity")).hasMessage("Capacity must be a whole number");
		assertThatThrownBy(() -> record.text("Flag")).hasMessage("Flag must be a string");
		assertThat(record.text("Blank")).as("blank is absent").isNull();
		assertThat(record.text("Missing")).isNull();
		assertThatThrownBy(() -> record.requiredText("Missing", "Other")).hasMessage("Missing is required");
	}

	@Test
	void refusesNulBytesAndOverlongValues() {
		ZohoRecord record = record("{\"id\": \"a\\u0000b\", \"Name\": \"" + "x".repeat(1_001) + "\"}");
		assertThatThrownBy(record::id).hasMessage("id must not contain NUL bytes");
		assertThatThrownBy(() -> record.text("Name")).hasMessage("Name is longer than 1000 characters");
		assertThatThrownBy(() -> record("{\"id\": \"" + "1".repeat(101) + "\"}").id())
			.hasMessage("id is longer than 100 characters");
	}

	@Test
	void readsAKnownStatusWhateverItsSpellingAndRefusesAnUnknownOne() {
		assertThat(CrmStatus.read(record("{\"Class_Status\": \"In progress\"}"), ClassSync.STATUSES, null, "status",
				"Class_Status"))
			.hasToString("ONGOING");
		assertThat(CrmStatus.read(record("{\"status\": \"CANCELLED\"}"), ClassSync.STATUSES, null, "status"))
			.hasToString("CANCELLED");
		assertThatThrownBy(() -> CrmStatus.read(record("{\"status\": \"Paused\"}"), ClassSync.STATUSES, null, "status"))
			.isInstanceOf(InvalidField.class)
			.hasMessage("status has an unknown value: Paused");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"data\": [{\"id\": \"1\"}, {\"id\": \"2\"}]}", "[{\"id\": \"1\"}, {\"id\": \"2\"}]" })
	void takesTheDataEnvelopeOrABareList(String body) {
		assertThat(ZohoPayload.parse(body.getBytes(StandardCharsets.UTF_8)).records()).hasSize(2);
	}

	@Test
	void takesASingleRecordWithOrWithoutTheEnvelope() {
		assertThat(ZohoPayload.parse("{\"id\": \"1\"}".getBytes(StandardCharsets.UTF_8)).records()).hasSize(1);
		assertThat(ZohoPayload.parse("{\"data\": {\"id\": \"1\"}}".getBytes(StandardCharsets.UTF_8)).records())
			.hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"data\": [", "42", "\"text\"", "{\"data\": 7}", "{} {}", "null" })
	void refusesBodiesThatAreNotRecords(String body) {
		assertThatThrownBy(() -> ZohoPayload.parse(body.getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(io.cohort.system.CohortException.class)
			.hasFieldOrPropertyWithValue("code", ProblemCode.MALFORMED_REQUEST);
	}

	@Test
	void givesTheSameCanonicalBodyWhateverTheKeyOrderAndWhitespace() {
		String one = ZohoPayload
			.parse("{\"data\": [{\"id\": \"1\", \"Price\": 2.50}]}".getBytes(StandardCharsets.UTF_8))
			.canonical();
		String two = ZohoPayload
			.parse("{ \"data\":[ {\"Price\":2.50,\n\"id\":\"1\"} ] }".getBytes(StandardCharsets.UTF_8))
			.canonical();
		assertThat(one).isEqualTo(two);
		assertThat(ZohoPayload.parse("{\"data\": [{\"id\": \"2\"}]}".getBytes(StandardCharsets.UTF_8)).canonical())
			.isNotEqualTo(one);
	}

	@Test
	void fingerprintsCannotCollideByConcatenation() {
		assertThat(Fingerprint.of(fields("ab", "c"))).isNotEqualTo(Fingerprint.of(fields("a", "bc")));
		assertThat(Fingerprint.of(fields("a", null))).isNotEqualTo(Fingerprint.of(fields("a", "null")));
		assertThat(Fingerprint.of(fields("a\",\"b", "c"))).isNotEqualTo(Fingerprint.of(fields("a", "b\",\"c")));
		assertThat(Fingerprint.canonical(fields("x", null))).isEqualTo("[[\"name\",\"x\"],[\"price\",null]]");
	}

	/** Seeded random pairs of field values: equal fingerprints only for equal values. */
	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 42 })
	void fingerprintsDifferWheneverTheFieldsDo(long seed) {
		Random random = new Random(seed);
		String alphabet = "ab\",[]\\ ";
		for (int i = 0; i < 2_000; i++) {
			String a1 = text(random, alphabet);
			String b1 = text(random, alphabet);
			String a2 = text(random, alphabet);
			String b2 = text(random, alphabet);
			boolean same = a1.equals(a2) && b1.equals(b2);
			assertThat(Fingerprint.of(fields(a1, b1)).equals(Fingerprint.of(fields(a2, b2)))).isEqualTo(same);
		}
	}

	@Test
	void diffListsExactlyTheChangedFieldsWithOldAndNew() {
		Map<String, RecordResult.Change> changes = Fingerprint.diff(fields("a", "1"), fields("a", "2"));
		assertThat(changes).containsOnlyKeys("price");
		assertThat(changes.get("price")).isEqualTo(new RecordResult.Change("1", "2"));
		assertThat(Fingerprint.diff(fields("a", "1"), fields("a", "1"))).isEmpty();
	}

	@Test
	void keepsPricesExact() {
		JsonNode node = JsonMapper.builder()
			.enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.build()
			.readTree("{\"Price\": 299.99}");
		assertThat(ZohoRecord.of(node).decimal("Price")).isEqualTo(new BigDecimal("299.99"));
	}

	static Map<String, String> fields(String name, String price) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("name", name);
		fields.put("price", price);
		return fields;
	}

	static String text(Random random, String alphabet) {
		StringBuilder text = new StringBuilder();
		for (int i = random.nextInt(3); i > 0; i--) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

}
