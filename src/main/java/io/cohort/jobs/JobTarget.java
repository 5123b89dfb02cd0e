package io.cohort.jobs;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A system jobs are sent to (TPGateway, Moodle), as the workers see it: a port each
 * integration implements once. The workers hand it each claimed batch of its jobs and ask
 * it what an operation means for the jobs that wait for it.
 */
public interface JobTarget {

	/** The name jobs carry in {@link Job#target()}, e.g. {@code TPGATEWAY}. */
	String name();

	/**
	 * The executor of one claimed batch of this target's jobs, which may read ahead in
	 * one go what they all need. It must not throw for the target's failures: it reports
	 * them as outcomes.
	 */
	JobExecutor forBatch(List<Job> batch);

	/**
	 * Whether this operation creates the record every later job of it refers to: when
	 * such a job is cancelled, the jobs that wait for it can never succeed and are
	 * cancelled with it.
	 */
	boolean creates(String operation);

	/**
	 * Why a failed attempt should end the job as CANCELLED rather than be retried or
	 * DEAD, if it should.
	 */
	default Optional<String> mootAfterFailure(Job job) {
		return Optional.empty();
	}

	/**
	 * Called after a job's success is written, in the same transaction, with the
	 * reference it got.
	 */
	default void succeeded(Job job, @Nullable String reference) {
	}

}
