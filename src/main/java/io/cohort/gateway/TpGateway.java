package io.cohort.gateway;

/** TPGateway as a target of outbound jobs: the name its jobs and circuit carry. */
public final class TpGateway {

	/** The target name of TPGateway's jobs and circuit breaker. */
	public static final String TARGET = "TPGATEWAY";

	private TpGateway() {
	}

}
