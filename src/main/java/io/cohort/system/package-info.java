/**
 * Runtime infrastructure every module stands on: the database (embedded or external),
 * secrets, correlation ids, the RFC 9457 error contract and health endpoints.
 */
@NullMarked
package io.cohort.system;

import org.jspecify.annotations.NullMarked;
