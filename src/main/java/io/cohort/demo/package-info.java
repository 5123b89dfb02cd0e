/**
 * Demo data for the local run: the demo tenant's courses, runs, sessions, learners,
 * enrolments, attendance, results and certificates, so every page shows something real.
 * Nothing depends on this module.
 */
@NullMarked
package io.cohort.demo;

import org.jspecify.annotations.NullMarked;
