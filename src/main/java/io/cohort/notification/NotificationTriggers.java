package io.cohort.notification;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cohort.analytics.LearnersAtRisk;
import io.cohort.attendance.AbsenceRecorded;
import io.cohort.certification.AttendanceAtRisk;
import io.cohort.certification.CertificateIssued;
import io.cohort.compliance.ComplianceManagement;
import io.cohort.compliance.DeadlineReached;
import io.cohort.enrolment.EnrolmentConfirmed;
import io.cohort.enrolment.EnrolmentWaitlisted;
import io.cohort.enrolment.EnrolmentWithdrawn;
import io.cohort.identity.Role;
import io.cohort.identity.UserManagement;
import io.cohort.identity.UserView;
import io.cohort.jobs.JobDead;
import io.cohort.jobs.JobPastDeadline;
import io.cohort.learners.LearnerManagement;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.TrainerManagement;
import io.cohort.scheduling.TrainerView;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns enrolment and attendance events into learner messages. Each listener is durable
 * (the event publication registry holds the event until it completes) and runs after the
 * change commits, on another thread: the tenant comes from the event and is handed to
 * every facade called (no caller is known here). Staff hear of compliance deadlines, dead
 * letters and learners at risk.
 */
@Component
class NotificationTriggers {

	private final Notifier notifier;

	private final LearnerManagement learners;

	private final ClassRunManagement runs;

	private final UserManagement users;

	private final TrainerManagement trainers;

	NotificationTriggers(Notifier notifier, LearnerManagement learners, ClassRunManagement runs, UserManagement users,
			TrainerManagement trainers) {
		this.notifier = notifier;
		this.learners = learners;
		this.runs = runs;
		this.users = users;
		this.trainers = trainers;
	}

	@ApplicationModuleListener
	void on(EnrolmentConfirmed event) {
		notify(event.tenantId(), event.learnerId(), event.classRunId(), event.promotedFromWaitlist()
				? NotificationKind.WAITLIST_PROMOTED : NotificationKind.ENROLMENT_CONFIRMED,
				event.enrolmentId().toString(), Map.of());
	}

	@ApplicationModuleListener
	void on(EnrolmentWaitlisted event) {
		notify(event.tenantId(), event.learnerId(), event.classRunId(), NotificationKind.ENROLMENT_WAITLISTED,
				event.enrolmentId().toString(), Map.of("position", Integer.toString(event.position())));
	}

	@ApplicationModuleListener
	void on(EnrolmentWithdrawn event) {
		notify(event.tenantId(), event.learnerId(), event.classRunId(), NotificationKind.ENROLMENT_WITHDRAWN,
				event.enrolmentId().toString(), Map.of());
	}

	@ApplicationModuleListener
	void on(AbsenceRecorded event) {
		notify(event.tenantId(), event.learnerId(), event.classRunId(), NotificationKind.ABSENCE_RECORDED,
				event.sessionId() + ":" + event.learnerId(), Map.of("date", event.sessionDate().toString()));
	}

	@ApplicationModuleListener
	void on(AttendanceAtRisk event) {
		notify(event.tenantId(), event.learnerId(), event.classRunId(),
				event.unreachable() ? NotificationKind.ATTENDANCE_THRESHOLD_UNREACHABLE
						: NotificationKind.ATTENDANCE_BELOW_THRESHOLD,
				event.enrolmentId().toString(), Map.of("rate", event.ratePercent().toPlainString(), "threshold",
						Integer.toString(event.thresholdPercent())));
	}

	@ApplicationModuleListener
	void on(CertificateIssued event) {
		notify(event.tenantId(), event.learnerId(), event.classRunId(), NotificationKind.CERTIFICATE_ISSUED,
				event.certificateId().toString(), Map.of("number", event.number()));
	}

	@ApplicationModuleListener
	void on(DeadlineReached event) {
		notifyOps(event.tenantId(),
				event.status() == ComplianceManagement.DeadlineStatus.OVERDUE
						? NotificationKind.COMPLIANCE_DEADLINE_OVERDUE : NotificationKind.COMPLIANCE_DEADLINE_DUE_SOON,
				event.classRunId() + ":" + event.type() + ":" + event.due(),
				Map.of("run", event.runReference(), "deadline",
						event.type().name().toLowerCase(Locale.ROOT).replace('_', ' '), "due", event.due().toString()));
	}

	@ApplicationModuleListener
	void on(JobDead event) {
		notifyOps(event.tenantId(), NotificationKind.DEAD_LETTER, event.jobId().toString(), Map.of("operation",
				event.operation(), "entity", event.entityType() + " " + event.entityId(), "error", event.error()));
	}

	@ApplicationModuleListener
	void on(JobPastDeadline event) {
		notifyOps(event.tenantId(), NotificationKind.JOB_PAST_DEADLINE, event.jobId().toString(),
				Map.of("operation", event.operation(), "entity", event.entityType() + " " + event.entityId(), "next",
						event.nextAttemptAt().toString(), "deadline", event.deadline().toString()));
	}

	/**
	 * Tells the run's trainers (those with an account that still holds TRAINER) and every
	 * OPS user of each learner at risk, a message per learner, once per run and learner:
	 * analytics raises each learner once, and the message's key keeps a replay from
	 * sending it twice.
	 */
	@ApplicationModuleListener
	void on(LearnersAtRisk event) {
		ClassRunView run = runs.get(event.tenantId(), event.runId());
		Set<UUID> leading = new HashSet<>();
		for (TrainerView trainer : trainers.ofRun(event.tenantId(), event.runId())) {
			if (trainer.userId() != null) {
				leading.add(trainer.userId());
			}
		}
		Map<UUID, UserView> recipients = new LinkedHashMap<>();
		users.withRole(event.tenantId(), Role.TRAINER)
			.stream()
			.filter(user -> leading.contains(user.id()))
			.forEach(user -> recipients.put(user.id(), user));
		users.withRole(event.tenantId(), Role.OPS).forEach(user -> recipients.putIfAbsent(user.id(), user));
		for (LearnersAtRisk.Learner learner : event.learners()) {
			Map<String, String> values = Map.of("learner", learner.name(), "course", run.courseTitle(), "run",
					run.reference(), "risk", Long.toString(Math.round(learner.risk() * 100)), "model",
					event.modelVersion(), "reasons",
					learner.reasons().isEmpty() ? "no single reason stands out" : String.join("; ", learner.reasons()));
			String subjectMatter = event.runId() + ":" + learner.moocUserId();
			for (UserView user : recipients.values()) {
				Map<String, String> named = new HashMap<>(values);
				named.put("name", user.displayName());
				notifier.notifyStaff(event.tenantId(), user, NotificationKind.LEARNER_AT_RISK, subjectMatter, named);
			}
		}
	}

	private void notifyOps(UUID tenant, NotificationKind kind, String subjectMatter, Map<String, String> extra) {
		for (UserView user : users.withRole(tenant, Role.OPS)) {
			Map<String, String> values = new HashMap<>(extra);
			values.put("name", user.displayName());
			notifier.notifyStaff(tenant, user, kind, subjectMatter, values);
		}
	}

	private void notify(UUID tenant, UUID learnerId, UUID runId, NotificationKind kind, String subjectMatter,
			Map<String, String> extra) {
		learners.find(tenant, learnerId).ifPresent(learner -> {
			ClassRunView run = runs.get(tenant, runId);
			Map<String, String> values = new HashMap<>(extra);
			values.put("name", learner.fullName());
			values.put("course", run.courseTitle());
			values.put("run", run.reference());
			values.put("start", run.startDate().toString());
			notifier.notify(tenant, learner, kind, subjectMatter, values);
		});
	}

}
