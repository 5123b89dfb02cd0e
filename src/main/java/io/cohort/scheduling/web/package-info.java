/**
 * The scheduling API: class runs, sessions, trainers, and the runs open for enrolment.
 */
@NullMarked
package io.cohort.scheduling.web;

import org.jspecify.annotations.NullMarked;
