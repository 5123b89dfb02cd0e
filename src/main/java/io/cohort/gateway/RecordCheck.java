package io.cohort.gateway;

import io.cohort.gateway.client.TpGatewayClient;
import io.cohort.gateway.client.TpGatewayResult;
import java.util.List;
import java.util.UUID;

import io.cohort.scheduling.RunStatus;

/**
 * One kind of record reconciliation compares for a published run (the run itself, its
 * enrolments, its assessment results): a bean of its own each, so a new kind plugs in by
 * being a component. It runs as the system for the run's tenant and must not throw for
 * the gateway's failures: a search that fails is {@link Result.Failed}, and nothing is
 * guessed from it.
 */
interface RecordCheck {

	/** The record type it compares, e.g. {@code enrolment}. */
	String recordType();

	Result check(TpGatewayClient client, PublishedRun run);

	/**
	 * A run that reached the gateway: its local id and status, and the gateway's id for
	 * it.
	 */
	record PublishedRun(UUID tenantId, UUID runId, RunStatus localStatus, String gatewayRunId) {
	}

	/** What a comparison came to. */
	sealed interface Result {

		/** The gateway answered; these are the differences (none: the records match). */
		record Compared(List<Reconciliations.Discrepancy> discrepancies) implements Result {
		}

		/** The gateway could not be asked, for this reason. */
		record Failed(String error) implements Result {
		}

		static Result of(TpGatewayResult<?> failure) {
			if (failure instanceof TpGatewayResult.Retryable<?> retryable) {
				return new Failed(retryable.message());
			}
			if (failure instanceof TpGatewayResult.Permanent<?> permanent) {
				return new Failed(permanent.message());
			}
			throw new IllegalArgumentException("not a failure: " + failure);
		}

	}

}
