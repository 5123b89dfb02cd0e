package io.cohort.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Enforces the {@code @PreAuthorize} rule of every controller (on the method, else on the
 * class) once per request, before its arguments are bound and validated: a caller without
 * the role gets 403 whatever they send, never a 400 that would teach them the endpoint's
 * validation rules. This is the only place the rules are checked; controllers are not
 * proxied for method security.
 */
@Configuration(proxyBeanMethods = false)
class AuthoriseBeforeBinding implements WebMvcConfigurer, HandlerInterceptor {

	private final PreAuthorizeAuthorizationManager rules = new PreAuthorizeAuthorizationManager();

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method) {
			AuthorizationResult result = rules.authorize(() -> SecurityContextHolder.getContext().getAuthentication(),
					new SimpleMethodInvocation(method.getBean(), method.getMethod()));
			if (result != null && !result.isGranted()) {
				throw new AccessDeniedException("Access denied");
			}
		}
		return true;
	}

}
