/**
 * The CRM (Zoho) webhooks: seed 003's {@code /v1/sync/*} contract. Each record is parsed,
 * validated, fingerprinted and written into the core through the modules' own facades;
 * deliveries are idempotent and recorded with their per-record outcomes.
 */
@NullMarked
package io.cohort.crm;

import org.jspecify.annotations.NullMarked;
