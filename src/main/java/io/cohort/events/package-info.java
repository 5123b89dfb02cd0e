/**
 * Cohort's events as the outside world sees them: when {@code COHORT_KAFKA_BOOTSTRAP} is
 * set, enrolment, attendance, assessment, certificate and scheduling events leave through
 * Kafka, after their change commits, each in a versioned envelope with a stable event id
 * (see {@code docs/events/}). Without it this module does nothing.
 */
@NullMarked
package io.cohort.events;

import org.jspecify.annotations.NullMarked;
