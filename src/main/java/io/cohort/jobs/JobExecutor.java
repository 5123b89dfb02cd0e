package io.cohort.gateway;

import java.util.List;

/**
 * Carries out one attempt of a job against its target. A port: the TPGateway client implements it,
 * and so will Moodle and outbound webhooks. It must not throw for the target's failures; it reports
 * them as an outcome.
 */
public interface SyncExecutor {

	SyncOutcome execute(SyncJob job);

	/**
	 * The executor of one claimed batch's attempts, which may read ahead in one go what they all need; by
	 * default, this one.
	 */
	default SyncExecutor forBatch(List<SyncJob> batch) {
		return this;
	}

}
