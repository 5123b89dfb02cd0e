/**
 * The Moodle API and page: the tenant's Moodle settings with a connection test, and each
 * enrolment as Moodle has it. Moodle's jobs are in the shared job views
 * ({@code /api/v1/jobs?target=MOODLE}).
 */
@NullMarked
package io.cohort.lms.web;

import org.jspecify.annotations.NullMarked;
