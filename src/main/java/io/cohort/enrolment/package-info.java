/**
 * Enrolment: learners in class runs against hard capacity, the first-come waitlist,
 * withdrawals with promotion, fees.
 */
@NullMarked
package io.cohort.enrolment;

import org.jspecify.annotations.NullMarked;
