/**
 * The enrolment API, the enrolments on a class run's page (a section of scheduling's run
 * page) and the learner portal.
 */
@NullMarked
package io.cohort.enrolment.web;

import org.jspecify.annotations.NullMarked;
