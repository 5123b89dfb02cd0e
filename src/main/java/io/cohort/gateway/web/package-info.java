/**
 * The gateway API: the tenant's TPGateway settings and its outbound jobs.
 */
@NullMarked
package io.cohort.gateway.web;

import org.jspecify.annotations.NullMarked;
