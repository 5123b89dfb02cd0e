package io.cohort.analytics.simulator;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mounts the analytics simulator's servlet at {@code /simulators/analytics/*}, beside the
 * application's own.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsSimulatorWeb {

	@Bean
	ServletRegistrationBean<AnalyticsSimulatorServlet> analyticsSimulatorServlet(AnalyticsSimulator simulator) {
		ServletRegistrationBean<AnalyticsSimulatorServlet> registration = new ServletRegistrationBean<>(
				new AnalyticsSimulatorServlet(simulator), "/simulators/analytics/*");
		registration.setName("analyticsSimulator");
		return registration;
	}

}
