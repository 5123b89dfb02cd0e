/**
 * Spreadsheets: CSV imports of learners and of enrolments into a run, with a result per
 * row, and CSV exports of a run's enrolments and attendance.
 */
@NullMarked
package io.cohort.spreadsheets;

import org.jspecify.annotations.NullMarked;
