/**
 * TPGateway (SkillsFuture Singapore) integration: the outboxes, jobs, record checks and
 * reconciliation; the client and its wire format live in {@code client}, an in-repo
 * stand-in for the real gateway in {@code simulator}.
 */
@NullMarked
package io.cohort.gateway;

import org.jspecify.annotations.NullMarked;
