package dev.reproserve.security.internal;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.DispatcherType;

import dev.reproserve.security.ApiKeys;
import dev.reproserve.security.Role;
import dev.reproserve.security.SecurityProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may call what. Stateless: no session, no cookie, no CSRF token (no browser session
 * to ride on); every request is judged by its bearer key alone.
 * <ul>
 * <li>health probes (liveness, readiness) and the API description: anyone;</li>
 * <li>predict: {@code predict};</li>
 * <li>a version's input schema: {@code predict} or {@code read};</li>
 * <li>key management: {@code admin}, reads included;</li>
 * <li>any other GET: {@code read};</li>
 * <li>everything else: {@code admin}, which also holds both other roles.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String[] PREDICT_PATHS = { "/api/v1/models/*/versions/*/predict",
			"/api/v1/models/*/aliases/*/predict" };

	@Bean
	SecurityFilterChain apiKeyFilterChain(HttpSecurity http, ApiKeys keys, SecurityProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		ProblemRefusals refusals = new ProblemRefusals(resolver);
		List<String> anonymous = new ArrayList<>(List.of("ROLE_ANONYMOUS"));
		properties.anonymousRoles().forEach((role) -> anonymous.add(role.authority()));
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.anonymous((anon) -> anon.authorities(AuthorityUtils.createAuthorityList(anonymous)))
			.addFilterBefore(new BearerKeyFilter(keys, refusals), AnonymousAuthenticationFilter.class)
			.exceptionHandling((refused) -> refused.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
			.authorizeHttpRequests((requests) -> requests
				// An error page is rendered for a request that was already let through.
				.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/liveness",
						"/actuator/health/readiness")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
						"/swagger-ui/**")
				.permitAll()
				.requestMatchers(HttpMethod.POST, PREDICT_PATHS)
				.hasRole(Role.PREDICT.name())
				.requestMatchers(HttpMethod.GET, "/api/v1/models/*/versions/*/schema")
				.hasAnyRole(Role.PREDICT.name(), Role.READ.name())
				.requestMatchers("/api/v1/keys", "/api/v1/keys/**")
				.hasRole(Role.ADMIN.name())
				.requestMatchers(HttpMethod.GET, "/**")
				.hasRole(Role.READ.name())
				.anyRequest()
				.hasRole(Role.ADMIN.name()));
		return http.build();
	}

	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(Role.ADMIN.name())
			.implies(Role.READ.name(), Role.PREDICT.name())
			.build();
	}

	/** No users and no passwords: keeps Spring Boot from generating a default user. */
	@Bean
	UserDetailsService noUsers() {
		return new InMemoryUserDetailsManager();
	}

}
