/**
 * The assessment API and the assessor's results entry page.
 */
@NullMarked
package io.cohort.assessment.web;

import org.jspecify.annotations.NullMarked;
