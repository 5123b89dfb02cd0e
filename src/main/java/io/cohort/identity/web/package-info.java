/**
 * The identity API: login, tokens, users, tenants and API keys.
 */
@NullMarked
package io.cohort.identity.web;

import org.jspecify.annotations.NullMarked;
