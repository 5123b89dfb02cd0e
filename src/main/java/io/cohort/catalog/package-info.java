/**
 * The catalogue: courses (the CRM's "programs"), their ordered modules with hours, and
 * SSG course reference numbers.
 */
@NullMarked
package io.cohort.catalog;

import org.jspecify.annotations.NullMarked;
