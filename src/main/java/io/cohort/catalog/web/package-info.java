/**
 * The catalogue API and pages.
 */
@NullMarked
package io.cohort.catalog.web;

import org.jspecify.annotations.NullMarked;
