/**
 * The append-only, hash-chained audit trail: it listens to every module's
 * {@link io.cohort.shared.AuditFact} and writes it in the transaction that made the
 * change.
 */
@NullMarked
package io.cohort.audit;

import org.jspecify.annotations.NullMarked;
