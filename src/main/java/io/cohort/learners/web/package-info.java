/**
 * The learner API and pages.
 */
@NullMarked
package io.cohort.learners.web;

import org.jspecify.annotations.NullMarked;
