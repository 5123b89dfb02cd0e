package io.cohort.attendance.web;

import java.util.List;
import java.util.UUID;

import io.cohort.attendance.AttendanceManagement;
import io.cohort.attendance.AttendanceRecord;
import io.cohort.attendance.AttendanceStatus;
import io.cohort.system.PublicUrl;
import io.cohort.system.QrCodes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Attendance: the session's trainer or OPS mark it (one record or a whole sheet);
 * learners check in with the rotating code; staff read sheets, rates and correction
 * histories.
 */
@RestController
class AttendanceController {

	private final AttendanceManagement attendance;

	private final PublicUrl publicUrl;

	AttendanceController(AttendanceManagement attendance, PublicUrl publicUrl) {
		this.attendance = attendance;
		this.publicUrl = publicUrl;
	}

	record Mark(@NotNull UUID enrollmentId, @NotNull AttendanceStatus status,
			@Nullable @Size(max = 500) String remarks) {
	}

	record SingleMark(@NotNull UUID sessionId, @NotNull UUID enrollmentId, @NotNull AttendanceStatus status,
			@Nullable @Size(max = 500) String remarks) {
	}

	record Sheet(@NotNull UUID sessionId, @NotEmpty @Size(max = 2000) List<@Valid @NotNull Mark> records) {
	}

	record CheckIn(@NotBlank @Size(max = 200) String code) {
	}

	/** The learner's own attendance: records and rates. */
	record Mine(List<AttendanceRecord> records, List<AttendanceManagement.Rate> rates) {
	}

	/**
	 * A check-in code with the URL the QR code encodes, and the short code to type
	 * instead (new every minute, the previous one still accepted).
	 */
	record CheckInCode(UUID sessionId, String code, String url, java.time.Instant rotatesAt, String typedCode,
			java.time.Instant typedCodeRotatesAt) {
	}

	@PostMapping("/api/v1/attendance")
	@PreAuthorize("hasAnyRole('OPS', 'TRAINER')")
	AttendanceRecord markOne(@Valid @RequestBody SingleMark request) {
		return attendance.markOne(request.sessionId(),
				new AttendanceManagement.Entry(request.enrollmentId(), request.status(), request.remarks()));
	}

	@PostMapping("/api/v1/attendance/mark-bulk")
	@PreAuthorize("hasAnyRole('OPS', 'TRAINER')")
	AttendanceManagement.SheetResult markSheet(@Valid @RequestBody Sheet request) {
		return attendance.markSheet(request.sessionId(),
				request.records()
					.stream()
					.map(m -> new AttendanceManagement.Entry(m.enrollmentId(), m.status(), m.remarks()))
					.toList());
	}

	@PostMapping("/api/v1/attendance/check-in")
	@PreAuthorize("hasRole('LEARNER')")
	AttendanceRecord checkIn(@Valid @RequestBody CheckIn request) {
		return attendance.checkIn(request.code());
	}

	@GetMapping("/api/v1/attendance/me")
	@PreAuthorize("hasRole('LEARNER')")
	Mine mine() {
		return new Mine(attendance.mine(), attendance.myRates());
	}

	@GetMapping("/api/v1/attendance/{id}/history")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER')")
	List<?> history(@PathVariable UUID id) {
		return attendance.history(id);
	}

	@GetMapping("/api/v1/sessions/{id}/attendance")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	List<AttendanceRecord> sheet(@PathVariable UUID id) {
		return attendance.sheet(id);
	}

	@GetMapping("/api/v1/runs/{id}/attendance")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	List<AttendanceManagement.Rate> rates(@PathVariable UUID id) {
		return attendance.rates(id);
	}

	@GetMapping("/api/v1/sessions/{id}/check-in-code")
	@PreAuthorize("hasAnyRole('OPS', 'TRAINER')")
	ResponseEntity<CheckInCode> checkInCode(@PathVariable UUID id) {
		AttendanceManagement.CheckInCode code = attendance.checkInCode(id);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new CheckInCode(id, code.code(), checkInUrl(code.code()), code.rotatesAt(), code.typedCode(),
					code.typedCodeRotatesAt()));
	}

	@GetMapping(path = "/api/v1/sessions/{id}/check-in-qr", produces = MediaType.IMAGE_PNG_VALUE)
	@PreAuthorize("hasAnyRole('OPS', 'TRAINER')")
	ResponseEntity<byte[]> checkInQr(@PathVariable UUID id) {
		AttendanceManagement.CheckInCode code = attendance.checkInCode(id);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.IMAGE_PNG)
			.body(QrCodes.png(checkInUrl(code.code()), 320));
	}

	private String checkInUrl(String code) {
		return publicUrl.builder().path("/check-in").queryParam("code", code).toUriString();
	}

}
