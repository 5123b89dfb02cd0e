/**
 * TPGateway (SkillsFuture Singapore) integration: the encrypted wire format, a typed
 * client and, in {@code simulator}, an in-repo stand-in for the real gateway.
 */
@NullMarked
package io.cohort.gateway;

import org.jspecify.annotations.NullMarked;
