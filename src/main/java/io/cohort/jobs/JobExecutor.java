package io.cohort.jobs;

/**
 * Carries out one attempt of a job against its target. It must not throw for the target's
 * failures; it reports them as an outcome.
 */
@FunctionalInterface
public interface JobExecutor {

	JobOutcome execute(Job job);

}
