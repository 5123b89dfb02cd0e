/**
 * Scheduling: class runs (seed 002's "sections") with their capacity and seats, sessions,
 * trainers.
 */
@NullMarked
package io.cohort.scheduling;

import org.jspecify.annotations.NullMarked;
