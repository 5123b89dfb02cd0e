/**
 * Attendance: per-session records marked a whole sheet at a time (idempotent),
 * corrections with their history, attendance rates, and learner self check-in with a
 * rotating QR code.
 */
@NullMarked
package io.cohort.attendance;

import org.jspecify.annotations.NullMarked;
