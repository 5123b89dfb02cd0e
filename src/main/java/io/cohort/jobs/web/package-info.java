/** The job views and actions of operators, and each tenant's retry policy. */
@NullMarked
package io.cohort.jobs.web;

import org.jspecify.annotations.NullMarked;
