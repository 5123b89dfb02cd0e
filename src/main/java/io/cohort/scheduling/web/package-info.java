/**
 * The scheduling API and pages: class runs, sessions, trainers, the calendar, and the
 * runs open for enrolment. The run pages' extension points ({@link RunPage},
 * {@link RunPageSection}, {@link RunListColumn}) are the named interface {@code run-page}
 * that other modules' pages use (ADR 34).
 */
@NullMarked
package io.cohort.scheduling.web;

import org.jspecify.annotations.NullMarked;
