/**
 * The audit API: search and chain verification.
 */
@NullMarked
package io.cohort.audit.web;

import org.jspecify.annotations.NullMarked;
