/**
 * The catalogue API.
 */
@NullMarked
package io.cohort.catalog.web;

import org.jspecify.annotations.NullMarked;
