/**
 * Compliance: the deadlines TPGateway funding depends on, per class run, with the sync
 * state of the run's records and the dead letters an operator must act on.
 */
@NullMarked
package io.cohort.compliance;

import org.jspecify.annotations.NullMarked;
