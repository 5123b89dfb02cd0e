/**
 * Tenants, users and roles, password hashing, access and refresh tokens, API keys and
 * login throttling; and who is calling ({@link io.cohort.identity.CurrentActor}).
 */
@NullMarked
package io.cohort.identity;

import org.jspecify.annotations.NullMarked;
