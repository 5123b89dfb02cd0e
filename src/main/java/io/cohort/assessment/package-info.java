/**
 * Assessment: one result per enrolment and course module at a time, each update a new
 * version with its history kept, voids with a reason.
 */
@NullMarked
package io.cohort.assessment;

import org.jspecify.annotations.NullMarked;
