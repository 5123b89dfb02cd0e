/**
 * Learning analytics (seed 004): each run's MOOC and H5P activity, ingested from the
 * tenant's sources and from xAPI statements, rolled up with Cohort's own attendance and
 * assessment results into one feature row per learner and course, scored for dropout risk
 * with reasons in words. In {@code simulator}, in-repo stand-ins for both sources.
 */
@NullMarked
package io.cohort.analytics;

import org.jspecify.annotations.NullMarked;
