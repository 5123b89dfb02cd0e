/**
 * The attendance API.
 */
@NullMarked
package io.cohort.attendance.web;

import org.jspecify.annotations.NullMarked;
