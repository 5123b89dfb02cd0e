/**
 * An in-memory simulator of TPGateway's encrypted API, mounted at
 * {@code /simulators/tpgateway/**} for local use and tests, with switchable faults.
 */
@NullMarked
package io.cohort.gateway.simulator;

import org.jspecify.annotations.NullMarked;
