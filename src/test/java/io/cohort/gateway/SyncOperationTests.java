package io.cohort.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The facts each TPGateway operation carries, and the snapshots its jobs keep (GH-10,
 * typed job contract).
 */
class SyncOperationTests {

	private static final UUID ID = UUID.fromString("6f1c2f4e-0000-4000-8000-000000000001");

	@Test
	void keysKeepTheFormatJobsWereWrittenWith() {
		assertThat(SyncOperation.PUBLISH_RUN.key(ID, null)).isEqualTo("run:" + ID + ":publish");
		assertThat(SyncOperation.UPDATE_RUN.key(ID, 2)).isEqualTo("run:" + ID + ":update:2");
		assertThat(SyncOperation.DELETE_RUN.key(ID, null)).isEqualTo("run:" + ID + ":delete");
		assertThat(SyncOperation.CREATE_ENROLMENT.key(ID, null)).isEqualTo("enrolment:" + ID + ":create");
		assertThat(SyncOperation.UPDATE_FEE_COLLECTION.key(ID, 1)).isEqualTo("enrolment:" + ID + ":fees:1");
		assertThat(SyncOperation.CANCEL_ENROLMENT.key(ID, 3)).isEqualTo("enrolment:" + ID + ":cancel:3");
		assertThat(SyncOperation.UPLOAD_ATTENDANCE.key(ID, null)).isEqualTo("attendance:" + ID + ":upload");
		assertThat(SyncOperation.UPDATE_ASSESSMENT.key(ID, 4)).isEqualTo("assessment:" + ID + ":update:4");
		assertThat(SyncOperation.VOID_ASSESSMENT.key(ID, null)).isEqualTo("assessment:" + ID + ":void");
	}

	@Test
	void onlyCreationsCreateAndOnlyOperationsThatSendATraineesIdReadOne() {
		assertThat(Arrays.stream(SyncOperation.values()).filter(SyncOperation::creates)).containsExactlyInAnyOrder(
				SyncOperation.PUBLISH_RUN, SyncOperation.CREATE_ENROLMENT, SyncOperation.CREATE_ASSESSMENT);
		assertThat(Arrays.stream(SyncOperation.values()).filter(op -> op.nationalIdPurpose() != null))
			.containsExactlyInAnyOrder(SyncOperation.CREATE_ENROLMENT, SyncOperation.UPLOAD_ATTENDANCE,
					SyncOperation.CREATE_ASSESSMENT);
		assertThat(SyncOperation.UPDATE_FEE_COLLECTION.endedWithRun()).as("fees may be collected after a run ends")
			.isFalse();
	}

	@Test
	void snapshotsAreWrittenInSnakeCaseAndReadBackWhole() {
		SyncPayload.AttendanceMark mark = new SyncPayload.AttendanceMark(ID, ID, ID, "TGS-2020001234",
				LocalDate.of(2026, 12, 7), LocalTime.of(9, 0), new BigDecimal("3.5"), "4");
		String json = GatewayOutbox.JSON.writeValueAsString(mark);
		JsonNode tree = GatewayOutbox.JSON.readTree(json);
		assertThat(tree.get("course_reference_number").asString()).isEqualTo("TGS-2020001234");
		assertThat(tree.get("session_date").asString()).isEqualTo("2026-12-07");
		assertThat(GatewayOutbox.JSON.readValue(json, SyncPayload.AttendanceMark.class)).isEqualTo(mark);
	}

	@Test
	void anUploadWrittenBeforeCorrectionsExistedConfirms() {
		String old = "{\"attendance_id\":\"" + ID + "\",\"learner_id\":\"" + ID
				+ "\",\"course_reference_number\":\"C\","
				+ "\"session_date\":\"2026-01-05\",\"start_time\":\"09:00\",\"hours\":3}";
		assertThat(GatewayOutbox.JSON.readValue(old, SyncPayload.AttendanceMark.class).status())
			.isEqualTo(AttendanceOutbox.CONFIRMED);
	}

}
