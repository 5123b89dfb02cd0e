package io.cohort.crm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A webhook body as Zoho may send it: {@code {"data": [...]}}, {@code {"data": {...}}}, a
 * single record or a bare list of records. Also gives the body's canonical form (keys
 * sorted, no whitespace), from which a request without {@code X-Idempotency-Key} gets its
 * key.
 *
 * @param records the records, each still as sent
 * @param canonical the canonical JSON of the whole body
 */
record ZohoPayload(List<JsonNode> records, String canonical) {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	static ZohoPayload parse(byte[] body) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw malformed("The request body is not valid JSON");
		}
		if (root == null || root.isMissingNode() || root.isNull()) {
			throw malformed("The request body is empty");
		}
		List<JsonNode> records = new ArrayList<>();
		JsonNode data = root.isObject() ? dataOf(root) : null;
		if (root.isArray()) {
			root.values().forEach(records::add);
		}
		else if (data != null && data.isArray()) {
			data.values().forEach(records::add);
		}
		else if (data != null && data.isObject()) {
			records.add(data);
		}
		else if (data != null) {
			throw malformed("data must be a list of records or one record");
		}
		else if (root.isObject()) {
			records.add(root);
		}
		else {
			throw malformed("The body must be {\"data\": [...]}, a record or a list of records");
		}
		return new ZohoPayload(List.copyOf(records), JSON.writeValueAsString(sorted(root)));
	}

	private static @org.jspecify.annotations.Nullable JsonNode dataOf(JsonNode root) {
		for (Map.Entry<String, JsonNode> entry : root.properties()) {
			if (entry.getKey().equals("data")) {
				return entry.getValue();
			}
		}
		return null;
	}

	private static JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			Map<String, JsonNode> byName = new TreeMap<>();
			node.properties().forEach(entry -> byName.put(entry.getKey(), sorted(entry.getValue())));
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			byName.forEach(copy::set);
			return copy;
		}
		if (node.isArray()) {
			var copy = JsonNodeFactory.instance.arrayNode();
			node.values().forEach(value -> copy.add(sorted(value)));
			return copy;
		}
		return node;
	}

	private static CohortException malformed(String detail) {
		return new CohortException(ProblemCode.MALFORMED_REQUEST, detail);
	}

}
