package io.cohort.ui;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the layout's {@link ShellInterceptor} for every page.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final ShellInterceptor shell;

	WebConfiguration(ShellInterceptor shell) {
		this.shell = shell;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(shell)
			.excludePathPatterns("/api/**", "/v1/**", "/actuator/**", "/webjars/**", "/css/**", "/js/**");
	}

}
