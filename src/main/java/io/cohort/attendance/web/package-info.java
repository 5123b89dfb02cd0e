/**
 * The attendance API and pages.
 */
@NullMarked
package io.cohort.attendance.web;

import org.jspecify.annotations.NullMarked;
