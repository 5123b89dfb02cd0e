package io.cohort.jobs;

import java.time.Instant;
import java.util.Optional;

/**
 * When a job's record is due at its target, if it has a deadline (the compliance
 * deadlines of a class run's records): a port the module that owns the deadlines
 * implements, so the workers raise an alarm before a retry is scheduled past it.
 */
public interface RecordDeadlines {

	/** The instant the job's record is late from, if it has a deadline. */
	Optional<Instant> of(Job job);

}
