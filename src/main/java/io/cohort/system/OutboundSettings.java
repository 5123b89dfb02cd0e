package io.cohort.system;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether tenants' URLs may reach internal addresses or use plain http
 * ({@code cohort.outbound.*}); unset means "as in local mode".
 */
@ConfigurationProperties("cohort.outbound")
record OutboundSettings(@Nullable Boolean allowPrivate, @Nullable Boolean allowHttp) {
}
