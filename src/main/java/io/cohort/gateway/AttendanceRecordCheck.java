package io.cohort.gateway;

import io.cohort.gateway.client.GatewayAttendance;
import io.cohort.gateway.client.GatewaySession;
import io.cohort.gateway.client.RemoteRun;
import io.cohort.gateway.client.TpGatewayClient;
import io.cohort.gateway.client.TpGatewayResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.cohort.catalog.CourseManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.shared.IdType;
import io.cohort.shared.NationalId;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A run's attendance, session by session: what the latest accepted upload of each record
 * said (1 Confirmed, or 4 TP Voided for a correction to absent) must be what the gateway
 * lists for the trainee in that session, and every trainee the gateway lists for a
 * session must be one we uploaded. A trainee is matched to a learner by id type and
 * national id (the learners' lookup index: nothing is decrypted, and ids in the report
 * are masked). Records with an upload in flight are compared next time, and while any is
 * in flight nothing the gateway lists is called unknown.
 */
@Component
class AttendanceRecordCheck implements RecordCheck {

	private final ReconciliationRepository records;

	private final ClassRunManagement runs;

	private final CourseManagement courses;

	private final LearnerManagement learners;

	AttendanceRecordCheck(ReconciliationRepository records, ClassRunManagement runs, CourseManagement courses,
			LearnerManagement learners) {
		this.records = records;
		this.runs = runs;
		this.courses = courses;
		this.learners = learners;
	}

	@Override
	public String recordType() {
		return AttendanceOutbox.ENTITY;
	}

	@Override
	public Result check(TpGatewayClient client, PublishedRun run) {
		String crn = Optional.ofNullable(courses.get(runs.get(run.runId()).courseId()).ssgCourseRef()).orElse("");
		TpGatewayResult<List<GatewaySession>> listed = client.sessions(run.gatewayRunId(), crn);
		if (listed instanceof TpGatewayResult.Permanent<List<GatewaySession>>
				&& client.courseRun(run.gatewayRunId()) instanceof TpGatewayResult.Success<Optional<RemoteRun>> found
				&& found.value().isEmpty()) {
			// the gateway lost the run (the run's own check says so): it holds none of
			// its attendance
			listed = new TpGatewayResult.Success<>(List.of());
		}
		if (!(listed instanceof TpGatewayResult.Success<List<GatewaySession>> sessions)) {
			return Result.of(listed);
		}
		Map<Seat, GatewayAttendance> remote = new HashMap<>();
		List<GatewayAttendance> strangers = new ArrayList<>();
		for (GatewaySession session : sessions.value()) {
			TpGatewayResult<List<GatewayAttendance>> attendance = client.sessionAttendance(run.gatewayRunId(), crn,
					session.id());
			if (!(attendance instanceof TpGatewayResult.Success<List<GatewayAttendance>> found)) {
				return Result.of(attendance);
			}
			for (GatewayAttendance entry : found.value()) {
				Optional<UUID> learner = learner(entry);
				if (learner.isPresent()) {
					remote.put(new Seat(session.id(), learner.get()), entry);
				}
				else {
					strangers.add(entry);
				}
			}
		}
		Set<UUID> inFlight = records.inFlight(run.tenantId(), recordType(), run.runId());
		List<Reconciliations.Discrepancy> differences = new ArrayList<>();
		Set<Seat> ours = new HashSet<>();
		for (String payload : records.uploadedAttendance(run.tenantId(), run.runId())) {
			SyncPayload.AttendanceMark mark = GatewayOutbox.JSON.readValue(payload, SyncPayload.AttendanceMark.class);
			if (inFlight.contains(mark.attendanceId())) {
				continue;
			}
			String here = status(mark.status());
			Optional<GatewaySession> session = sessions.value()
				.stream()
				.filter(s -> s.date().equals(mark.sessionDate()) && s.startTime().equals(mark.startTime()))
				.findFirst();
			if (session.isEmpty()) {
				differences.add(discrepancy(Reconciliations.Kind.MISSING_REMOTELY, mark, null, here, null,
						"TPGateway lists no session of the run on " + mark.sessionDate() + " at " + mark.startTime()));
				continue;
			}
			Seat key = new Seat(session.get().id(), mark.learnerId());
			ours.add(key);
			GatewayAttendance there = remote.get(key);
			if (there == null) {
				differences.add(discrepancy(Reconciliations.Kind.MISSING_REMOTELY, mark, session.get().id(), here, null,
						"TPGateway holds no attendance of the learner for session " + session.get().id()));
			}
			else if (!there.statusCode().equals(mark.status())) {
				String remoteStatus = status(there.statusCode());
				differences.add(discrepancy(Reconciliations.Kind.STATUS_DIFFERS, mark, session.get().id(), here,
						remoteStatus, "Attendance in session " + session.get().id() + " is " + here + " here but "
								+ remoteStatus + " at TPGateway"));
			}
		}
		if (inFlight.isEmpty()) {
			remote.forEach((key, there) -> {
				if (!ours.contains(key)) {
					strangers.add(there);
				}
			});
			for (GatewayAttendance stranger : strangers) {
				differences.add(new Reconciliations.Discrepancy(recordType(), Reconciliations.Kind.UNKNOWN_REMOTELY,
						null, stranger.sessionId(), null, status(stranger.statusCode()),
						"TPGateway lists attendance of trainee " + NationalId.mask(stranger.traineeId())
								+ " in session " + stranger.sessionId() + ", which Cohort never uploaded"));
			}
		}
		return new Result.Compared(differences);
	}

	private Optional<UUID> learner(GatewayAttendance entry) {
		try {
			return learners.findByNationalId(IdType.valueOf(entry.idTypeCode()), entry.traineeId());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** One learner in one gateway session. */
	private record Seat(String sessionId, UUID learnerId) {
	}

	private Reconciliations.Discrepancy discrepancy(Reconciliations.Kind kind, SyncPayload.AttendanceMark mark,
			@Nullable String sessionId, String here, @Nullable String there, String detail) {
		return new Reconciliations.Discrepancy(recordType(), kind, mark.attendanceId(), sessionId, here, there, detail);
	}

	/** TPGateway's attendance status codes in words. */
	private static String status(String code) {
		return switch (code) {
			case "1" -> "Confirmed";
			case "2" -> "Unconfirmed";
			case "3" -> "Rejected";
			case "4" -> "TP Voided";
			default -> "status " + code;
		};
	}

}
