/**
 * The compliance API.
 */
@NullMarked
package io.cohort.compliance.web;

import org.jspecify.annotations.NullMarked;
