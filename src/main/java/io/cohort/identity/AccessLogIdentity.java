package io.cohort.identity;

import io.cohort.system.AccessLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Names the caller of every request that reaches a handler (a user, an API key) in the
 * request's access-log line.
 */
@Configuration(proxyBeanMethods = false)
class AccessLogIdentity implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		CurrentActor.principal()
			.ifPresent(principal -> AccessLog.identify(request, principal.id(), principal.tenantId()));
		return true;
	}

}
