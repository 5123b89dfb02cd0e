/**
 * An in-memory simulator of Moodle's REST web services, mounted at
 * {@code /simulators/moodle/**} for local use and tests, with faults a test can arm.
 */
@NullMarked
package io.cohort.lms.simulator;

import org.jspecify.annotations.NullMarked;
