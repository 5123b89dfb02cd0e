package io.cohort.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The installation's {@link OutboundUrlPolicy}: {@code COHORT_OUTBOUND_ALLOW_PRIVATE}
 * lets tenants' URLs reach internal addresses and {@code COHORT_OUTBOUND_ALLOW_HTTP} lets
 * them use plain http; both are on by default only in local mode, whose demo talks to the
 * in-app simulators.
 */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

	@Bean
	OutboundUrlPolicy outboundUrlPolicy(OutboundSettings settings, Installation installation) {
		boolean allowPrivate = settings.allowPrivate() != null ? settings.allowPrivate() : installation.local();
		boolean allowHttp = settings.allowHttp() != null ? settings.allowHttp() : allowPrivate;
		return new OutboundUrlPolicy(allowHttp, allowPrivate);
	}

}
