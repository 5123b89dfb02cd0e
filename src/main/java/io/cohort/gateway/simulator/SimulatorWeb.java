package io.cohort.gateway.simulator;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mounts the simulator's servlet at {@code /simulators/tpgateway/*}, beside the
 * application's own.
 */
@Configuration(proxyBeanMethods = false)
class SimulatorWeb {

	@Bean
	ServletRegistrationBean<TpGatewaySimulatorServlet> tpGatewaySimulatorServlet(TpGatewaySimulator simulator,
			SimulatedApi api) {
		ServletRegistrationBean<TpGatewaySimulatorServlet> registration = new ServletRegistrationBean<>(
				new TpGatewaySimulatorServlet(simulator, api), "/simulators/tpgateway/*");
		registration.setName("tpGatewaySimulator");
		return registration;
	}

}
