package io.cohort.lms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.cohort.crm.CrmLinks;
import io.cohort.enrolment.EnrolmentCancelled;
import io.cohort.enrolment.EnrolmentConfirmed;
import io.cohort.enrolment.EnrolmentWithdrawn;
import io.cohort.jobs.Job;
import io.cohort.jobs.JobCancellations;
import io.cohort.jobs.JobQueue;
import io.cohort.jobs.JobStatus;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Moodle jobs in the transaction of the change that causes them, for tenants that
 * have Moodle switched on: a confirmed enrolment (from the CRM or from Cohort itself) is
 * provisioned; a withdrawal, or the cancellation of its run, unenrols it after its
 * provisioning. Payloads are snapshots without national ids.
 */
@Component
class MoodleOutbox {

	static final String TARGET = "MOODLE";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String NEVER_PROVISIONED = "The enrolment ended before Moodle was asked to provision it";

	private final MoodleSettingsManagement settings;

	private final JobQueue queue;

	private final JobCancellations cancellations;

	private final LearnerManagement learners;

	private final ClassRunManagement runs;

	private final CrmLinks crm;

	MoodleOutbox(MoodleSettingsManagement settings, JobQueue queue, JobCancellations cancellations,
			LearnerManagement learners, ClassRunManagement runs, CrmLinks crm) {
		this.settings = settings;
		this.queue = queue;
		this.cancellations = cancellations;
		this.learners = learners;
		this.runs = runs;
		this.crm = crm;
	}

	@EventListener
	void on(EnrolmentConfirmed event) {
		if (!settings.enabled(event.tenantId())) {
			return;
		}
		LearnerView learner = learners.get(event.learnerId());
		ClassRunView run = runs.get(event.classRunId());
		String idnumber = crm.of(event.tenantId(), "student", learner.id())
			.map(CrmLinks.Link::zohoId)
			.orElse(learner.id().toString());
		List<String> courses = new ArrayList<>();
		crm.of(event.tenantId(), "class", run.id()).ifPresent(link -> {
			String moodleClassId = link.fields().get("moodle_class_id");
			if (moodleClassId != null && !moodleClassId.isBlank()) {
				courses.add(moodleClassId.trim());
			}
			courses.add(link.zohoId());
		});
		courses.add(run.reference());
		String[] names = names(learner.fullName());
		MoodlePayload.Enrol payload = new MoodlePayload.Enrol(event.enrolmentId(), learner.id(), idnumber,
				username(idnumber), learner.email(), names[0], names[1], courses.stream().distinct().toList());
		enqueue(event.tenantId(), MoodleOperation.ENROL, event.enrolmentId(), payload);
	}

	@EventListener
	void on(EnrolmentWithdrawn event) {
		unenrol(event.tenantId(), event.enrolmentId());
	}

	@EventListener
	void on(EnrolmentCancelled event) {
		unenrol(event.tenantId(), event.enrolmentId());
	}

	/**
	 * An enrolment whose provisioning was never attempted has it cancelled, so Moodle
	 * never hears of it; one that was (or is being) provisioned is unenrolled after its
	 * provisioning.
	 */
	private void unenrol(UUID tenant, UUID enrolmentId) {
		if (!settings.enabled(tenant)) {
			return;
		}
		List<Job> history = queue.ofEntity(tenant, MoodleOperation.ENTITY, enrolmentId);
		List<UUID> unsent = history.stream()
			.filter(job -> job.operation().equals(MoodleOperation.ENROL.name()) && job.status() == JobStatus.PENDING
					&& job.attempts() == 0)
			.map(Job::id)
			.toList();
		if (!unsent.isEmpty() && !cancellations.cancel(tenant, unsent, NEVER_PROVISIONED).isEmpty()) {
			return;
		}
		boolean provisioned = history.stream()
			.anyMatch(
					job -> job.operation().equals(MoodleOperation.ENROL.name()) && job.status() != JobStatus.CANCELLED);
		if (provisioned) {
			enqueue(tenant, MoodleOperation.UNENROL, enrolmentId, new MoodlePayload.Unenrol(enrolmentId));
		}
	}

	/** Writes the enrolment's next job, after its previous one. */
	private void enqueue(UUID tenant, MoodleOperation operation, UUID enrolmentId, Object payload) {
		if (!operation.payloadType().isInstance(payload)) {
			throw new IllegalArgumentException(operation + " takes a " + operation.payloadType().getSimpleName());
		}
		List<Job> history = queue.ofEntity(tenant, MoodleOperation.ENTITY, enrolmentId);
		@Nullable UUID latest = history.isEmpty() ? null : history.get(history.size() - 1).id();
		JobCancellations.Predecessor after = cancellations.predecessor(tenant, latest);
		queue.enqueue(new JobQueue.NewJob(tenant, TARGET, operation.name(), MoodleOperation.ENTITY, enrolmentId,
				operation.key(enrolmentId, history.size()), JSON.writeValueAsString(payload), after.id(), null));
	}

	/**
	 * A Moodle username from the idnumber: lower case, in the characters Moodle allows by
	 * default.
	 */
	static String username(String idnumber) {
		return "cohort-" + idnumber.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.@-]", "-");
	}

	/**
	 * First and last name (Moodle needs both): the last word is the last name; one word
	 * serves as both.
	 */
	static String[] names(String fullName) {
		String name = fullName.trim().replaceAll("\\s+", " ");
		int space = name.lastIndexOf(' ');
		return space < 0 ? new String[] { name, name }
				: new String[] { name.substring(0, space), name.substring(space + 1) };
	}

	/** The enrolment's latest Moodle job, if it has one. */
	Optional<Job> latest(UUID tenant, UUID enrolmentId) {
		List<Job> history = queue.ofEntity(tenant, MoodleOperation.ENTITY, enrolmentId);
		return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
	}

}
