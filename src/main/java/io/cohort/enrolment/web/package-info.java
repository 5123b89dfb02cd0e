/**
 * The enrolment API, the class-run desk pages and the learner portal.
 */
@NullMarked
package io.cohort.enrolment.web;

import org.jspecify.annotations.NullMarked;
