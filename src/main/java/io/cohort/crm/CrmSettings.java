package io.cohort.crm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CRM webhooks' settings ({@code cohort.crm.*}).
 *
 * @param defaultTenant the tenant slug a request without {@code X-Tenant-ID} names
 * @param idempotencyTtl how long a request's key and stored response are kept
 * @param purgeInterval how often expired keys are deleted (0 switches the purge off)
 * @param maxRecords the most records one request may carry
 * @param defaultCapacity a class run's capacity when neither the Zoho class nor the
 * tenant names one
 */
@ConfigurationProperties("cohort.crm")
record CrmSettings(@DefaultValue("demo") String defaultTenant, @DefaultValue("1h") Duration idempotencyTtl,
		@DefaultValue("10m") Duration purgeInterval, @DefaultValue("5000") int maxRecords,
		@DefaultValue("50") int defaultCapacity) {
}
