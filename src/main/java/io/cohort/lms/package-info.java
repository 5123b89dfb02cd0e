/**
 * Moodle provisioning: each confirmed enrolment becomes a Moodle user (found or created)
 * enrolled in its class's course, through the shared outbound jobs
 * ({@link io.cohort.jobs}); a withdrawal or cancellation unenrols. A REST client of
 * Moodle's web services and, in {@code simulator}, an in-repo stand-in for Moodle.
 */
@NullMarked
package io.cohort.lms;

import org.jspecify.annotations.NullMarked;
