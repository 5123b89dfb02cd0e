package io.cohort.identity;

import java.time.Instant;
import java.util.UUID;

import io.cohort.system.Installation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Four filter chains: the TPGateway simulator (open, stateless), actuator (metrics
 * token), API ({@code /api/**}, {@code /v1/**}: stateless bearer tokens and API keys) and
 * web pages (session cookie, CSRF, login form). Endpoint roles are declared on each
 * controller with {@code @PreAuthorize} and checked once per request, before binding, by
 * {@link AuthoriseBeforeBinding}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * No observation per security filter: wrapping each of the chain's filters costs more
	 * on every request than it tells. Request timings are the system module's concern
	 * (kept when metrics are scraped).
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	JwtDecoder jwtDecoder(AccessTokens tokens) {
		return tokens.decoder();
	}

	/**
	 * The simulators stand in for TPGateway, Moodle and the analytics sources, called
	 * server to server in their own wire formats (their tokens are their own affair):
	 * open to all, with no session, login, CSRF token or saved request, so that a call to
	 * them costs little more than the wire format.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain simulatorChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/simulators/tpgateway/**", "/simulators/moodle/**", "/simulators/analytics/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.logout(logout -> logout.disable())
			.anonymous(anonymous -> anonymous.disable())
			.servletApi(api -> api.disable())
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain actuatorChain(HttpSecurity http, Installation installation) throws Exception {
		ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
		return http.securityMatcher("/actuator/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new MetricsTokenFilter(installation), SecurityContextHolderFilter.class)
			.authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(MetricsTokenFilter.SCRAPER))
			.exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiChain(HttpSecurity http, ApiKeyManagement apiKeys, PrincipalLoader principals)
			throws Exception {
		ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
		return http.securityMatcher("/api/**", "/v1/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			// no filters the API has no use for: it logs out at /api/v1/auth/logout, a
			// caller without a
			// token or key stays unauthenticated, and nothing asks the servlet request
			// who its user is
			.logout(logout -> logout.disable())
			.anonymous(anonymous -> anonymous.disable())
			.servletApi(api -> api.disable())
			.addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), BearerTokenAuthenticationFilter.class)
			.oauth2ResourceServer(rs -> rs.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.jwt(jwt -> jwt.jwtAuthenticationConverter((Jwt token) -> currentUser(token, principals))))
			.authorizeHttpRequests(auth -> auth
				.requestMatchers(HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout",
						"/api/v1/auth/password/forgot", "/api/v1/auth/password/reset")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/v1/health")
				.permitAll()
				// the CRM webhooks check their caller themselves (the API key must be of
				// the tenant named in
				// X-Tenant-ID) so that they can audit each refusal
				.requestMatchers(HttpMethod.POST, "/v1/sync/*")
				.permitAll()
				.anyRequest()
				.authenticated())
			.exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain webChain(HttpSecurity http, Logins logins, PrincipalLoader principals) throws Exception {
		return http.authenticationProvider(new WebLoginProvider(logins))
			.addFilterAfter(new SessionPrincipalRefresher(principals), SecurityContextHolderFilter.class)
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/login", "/password/forgot", "/password/reset", "/css/**", "/js/**", "/img/**",
						"/webjars/**", "/favicon.ico", "/favicon.svg", "/sw.js", "/healthz", "/readiness", "/verify/**",
						"/docs", "/docs/**", "/swagger-ui/**", "/swagger-ui.html", "/v3/api-docs", "/v3/api-docs/**",
						"/error", "/forbidden")
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin(form -> form.loginPage("/login")
				.usernameParameter("email")
				.passwordParameter("password")
				.authenticationDetailsSource(WebLoginProvider.Details::of)
				.failureHandler(WebLoginProvider::failed)
				.successHandler(WebLoginProvider::succeeded)
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.exceptionHandling(e -> e.accessDeniedPage("/forbidden"))
			.headers(headers -> headers
				.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.contentSecurityPolicy(csp -> csp.policyDirectives(
						"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")))
			.build();
	}

	private static PrincipalAuthentication currentUser(Jwt token, PrincipalLoader principals) {
		UUID userId;
		try {
			userId = UUID.fromString(token.getSubject());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidBearerTokenException("The token names no user");
		}
		// the token's issue time is in whole seconds: a second's grace keeps a token
		// issued
		// just after a new password
		Instant issued = token.getIssuedAt() == null ? Instant.EPOCH : token.getIssuedAt().plusSeconds(1);
		CohortPrincipal user = principals.activeUser(userId, issued)
			.orElseThrow(() -> new InvalidBearerTokenException(
					"The token's user is unknown or disabled, or their password changed after it was issued"));
		String tenantClaim = token.getClaimAsString(AccessTokens.TENANT_CLAIM);
		String userTenant = user.tenantId() == null ? null : user.tenantId().toString();
		if (tenantClaim == null ? userTenant != null : !tenantClaim.equals(userTenant)) {
			throw new InvalidBearerTokenException("The token's tenant does not match its user");
		}
		return new PrincipalAuthentication(user);
	}

}
