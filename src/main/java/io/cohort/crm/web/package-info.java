/**
 * The CRM endpoints: seed 003's webhooks, the deliveries API and the integrations page.
 */
@NullMarked
package io.cohort.crm.web;

import org.jspecify.annotations.NullMarked;
