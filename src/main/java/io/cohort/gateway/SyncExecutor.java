package io.cohort.gateway;

/**
 * Carries out one attempt of a job against its target. A port: the TPGateway client implements it,
 * and so will Moodle and outbound webhooks. It must not throw for the target's failures; it reports
 * them as an outcome.
 */
public interface SyncExecutor {

	SyncOutcome execute(SyncJob job);

}
