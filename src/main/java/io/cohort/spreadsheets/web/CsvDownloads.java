package io.cohort.spreadsheets.web;

import java.nio.charset.StandardCharsets;

import io.cohort.spreadsheets.ExportManagement;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A CSV file as a download: UTF-8 text/csv, an attachment with the file's name, never
 * cached (it holds personal data).
 */
final class CsvDownloads {

	static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private CsvDownloads() {
	}

	static ResponseEntity<byte[]> of(ExportManagement.CsvFile file) {
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.fileName()).build().toString())
			.cacheControl(CacheControl.noStore())
			.body(file.content());
	}

}
