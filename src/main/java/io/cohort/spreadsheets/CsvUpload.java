package io.cohort.spreadsheets;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Reads an uploaded CSV file: UTF-8 with or without a byte order mark, a header row
 * naming the columns (case, spaces and hyphens do not matter: "Full Name" is
 * {@code full_name}), trimmed values. A file over {@value #MAX_BYTES} bytes is refused
 * with 413, one over {@value #MAX_ROWS} rows, without a header, with unknown columns or
 * without a required one with 400; a single odd row becomes an invalid row, never a
 * refused file.
 */
final class CsvUpload {

	static final long MAX_BYTES = 10L * 1024 * 1024;

	static final int MAX_ROWS = 50_000;

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setTrim(true)
		.setIgnoreSurroundingSpaces(true)
		.setIgnoreEmptyLines(false)
		.get();

	private CsvUpload() {
	}

	/**
	 * One data row: its values by column, and why it could not be read as it is, if so.
	 */
	record Row(int number, Map<String, String> values, @Nullable String error) {

		boolean blank() {
			return error == null && values.values().stream().allMatch(String::isEmpty);
		}

	}

	/**
	 * @param columns every column a file may have, in the order rows report them
	 * @param required the columns a file must have
	 */
	static List<Row> read(byte[] content, List<String> columns, Set<String> required) {
		if (content.length > MAX_BYTES) {
			throw new CohortException(ProblemCode.PAYLOAD_TOO_LARGE,
					"The file is larger than 10 MB; split it into smaller files");
		}
		String text = decode(content);
		List<Row> rows = new ArrayList<>();
		List<String> header = null;
		try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
			for (CSVRecord record : parser) {
				if (header == null) {
					header = header(record, columns, required);
					continue;
				}
				if (rows.size() == MAX_ROWS) {
					throw CohortException.invalidField("file",
							"has more than " + MAX_ROWS + " rows; split it into smaller files");
				}
				rows.add(row(rows.size() + 2, record, header));
			}
		}
		catch (IOException | UncheckedIOException ex) {
			throw CohortException.invalidField("file",
					"is not valid CSV after row " + (rows.size() + 1) + " (" + message(ex) + ")");
		}
		if (header == null) {
			throw CohortException.invalidField("file", "is empty; the first row must name the columns");
		}
		return rows;
	}

	private static String decode(byte[] content) {
		int start = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
				&& (content[2] & 0xFF) == 0xBF ? 3 : 0;
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content, start, content.length - start))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw CohortException.invalidField("file", "is not UTF-8 text; save it as \"CSV UTF-8\"");
		}
	}

	private static List<String> header(CSVRecord record, List<String> columns, Set<String> required) {
		List<String> names = record.stream().map(CsvUpload::columnName).toList();
		Set<String> seen = new HashSet<>();
		List<String> unknown = new ArrayList<>();
		for (String name : names) {
			if (!seen.add(name)) {
				throw CohortException.invalidField("file", "names the column " + name + " twice");
			}
			if (!columns.contains(name)) {
				unknown.add(name.isEmpty() ? "(blank)" : name);
			}
		}
		List<String> missing = required.stream().filter(c -> !seen.contains(c)).sorted().toList();
		if (!missing.isEmpty() || !unknown.isEmpty()) {
			String problem = missing.isEmpty() ? "has unknown columns " + String.join(", ", unknown)
					: "lacks the columns " + String.join(", ", missing);
			throw CohortException.invalidField("file",
					problem + "; the first row must name the columns, from: " + String.join(", ", columns));
		}
		return names;
	}

	private static Row row(int number, CSVRecord record, List<String> header) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			values.put(header.get(i), i < record.size() ? record.get(i) : "");
		}
		boolean blankExtras = record.stream().skip(header.size()).allMatch(String::isEmpty);
		String error = blankExtras ? null
				: "has " + record.size() + " values but the header names " + header.size() + " columns";
		return new Row(number, values, error);
	}

	static String columnName(String raw) {
		return raw.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
	}

	private static String message(Exception ex) {
		Throwable cause = ex instanceof UncheckedIOException unchecked ? unchecked.getCause() : ex;
		return String.valueOf(cause.getMessage());
	}

}
