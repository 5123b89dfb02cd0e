/**
 * The analytics API and pages: the tenant's sources (ADMIN), each run's MOOC course,
 * ingestion, learners at risk and model (staff), and the xAPI statements endpoint (API
 * key).
 */
@NullMarked
package io.cohort.analytics.web;

import org.jspecify.annotations.NullMarked;
