/**
 * The learner API.
 */
@NullMarked
package io.cohort.learners.web;

import org.jspecify.annotations.NullMarked;
