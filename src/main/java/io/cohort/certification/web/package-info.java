/**
 * The certification API, the public verification page and the learner's certificates
 * page.
 */
@NullMarked
package io.cohort.certification.web;

import org.jspecify.annotations.NullMarked;
