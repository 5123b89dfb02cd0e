/**
 * The enrolment API.
 */
@NullMarked
package io.cohort.enrolment.web;

import org.jspecify.annotations.NullMarked;
