package io.cohort.lms.simulator;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mounts the Moodle simulator's servlet at {@code /simulators/moodle/*}, beside the
 * application's own.
 */
@Configuration(proxyBeanMethods = false)
class MoodleSimulatorWeb {

	@Bean
	ServletRegistrationBean<MoodleSimulatorServlet> moodleSimulatorServlet(MoodleSimulator simulator) {
		ServletRegistrationBean<MoodleSimulatorServlet> registration = new ServletRegistrationBean<>(
				new MoodleSimulatorServlet(simulator), "/simulators/moodle/*");
		registration.setName("moodleSimulator");
		return registration;
	}

}
