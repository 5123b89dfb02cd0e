package io.cohort.gateway.simulator;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether the TPGateway simulator answers ({@code cohort.gateway.simulator.enabled});
 * unset means local mode only.
 */
@ConfigurationProperties("cohort.gateway.simulator")
record SimulatorSettings(@Nullable Boolean enabled) {
}
