/**
 * Learner profiles: contacts, consent, the encrypted national id, and the link to a
 * LEARNER account.
 */
@NullMarked
package io.cohort.learners;

import org.jspecify.annotations.NullMarked;
