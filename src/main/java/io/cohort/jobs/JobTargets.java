package io.cohort.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every {@link JobTarget} of the application, by name: the workers' way to the target of
 * each job. A job whose target is unknown (its integration was removed) fails permanently
 * rather than being guessed at. The targets are looked up on first use: they themselves
 * cancel jobs through this module, so they cannot be handed over when it is built.
 */
@Component
class JobTargets {

	private final ObjectProvider<JobTarget> targets;

	private volatile @Nullable Map<String, JobTarget> byName;

	JobTargets(ObjectProvider<JobTarget> targets) {
		this.targets = targets;
	}

	Optional<JobTarget> of(String name) {
		Map<String, JobTarget> known = byName;
		if (known == null) {
			Map<String, JobTarget> found = new HashMap<>();
			targets.orderedStream().forEach(target -> {
				if (found.put(target.name(), target) != null) {
					throw new IllegalStateException("Two job targets are named " + target.name());
				}
			});
			byName = known = Map.copyOf(found);
		}
		return Optional.ofNullable(known.get(name));
	}

	/**
	 * Whether the operation of a job of this target creates the record its later jobs
	 * refer to.
	 */
	boolean creates(Job job) {
		return of(job.target()).map(target -> target.creates(job.operation())).orElse(false);
	}

	/**
	 * The executor of one claimed batch, which may hold jobs of several targets: each
	 * target reads ahead for its own jobs.
	 */
	JobExecutor forBatch(List<Job> batch) {
		Map<String, List<Job>> byTarget = new LinkedHashMap<>();
		batch.forEach(job -> byTarget.computeIfAbsent(job.target(), name -> new ArrayList<>()).add(job));
		Map<String, JobExecutor> executors = new HashMap<>();
		byTarget.forEach((name, jobs) -> of(name).ifPresent(target -> executors.put(name, target.forBatch(jobs))));
		return job -> {
			JobExecutor executor = executors.get(job.target());
			return executor == null ? new JobOutcome.Permanent("No integration sends jobs to " + job.target())
					: executor.execute(job);
		};
	}

}
