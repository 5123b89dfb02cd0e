/**
 * The durable outbound-job machinery every integration shares: the queue in PostgreSQL,
 * workers with leases, backoff, a circuit breaker per tenant and target, retry policies,
 * dead letters, retry and cancel, and the operator's job views. Integrations
 * ({@code gateway}, {@code lms}) write jobs through {@link io.cohort.jobs.JobQueue} and
 * carry them out as a {@link io.cohort.jobs.JobTarget}.
 */
@NullMarked
package io.cohort.jobs;

import org.jspecify.annotations.NullMarked;
