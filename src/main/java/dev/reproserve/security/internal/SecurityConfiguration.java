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
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
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
 * <li>health probes (liveness, readiness, also the Open Inference Protocol's) and the API
 * description: anyone;</li>
 * <li>predict, and the protocol's inference: {@code predict};</li>
 * <li>a version's input schema, the protocol's metadata and model readiness:
 * {@code predict} or {@code read};</li>
 * <li>key management: {@code admin}, reads included;</li>
 * <li>any other GET: {@code read};</li>
 * <li>everything else: {@code admin}, which also holds both other roles.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

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
			// Caching is the controllers' to say (an immutable bundle may be cached); a
			// shared
			// cache never stores an answer to a request with Authorization anyway (RFC
			// 9111).
			.headers((headers) -> headers.cacheControl((cache) -> cache.disable()))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.anonymous((anon) -> anon.authorities(AuthorityUtils.createAuthorityList(anonymous)))
			.addFilterBefore(new BearerKeyFilter(keys, refusals, properties.anonymousRoles()),
					AnonymousAuthenticationFilter.class)
			.exceptionHandling((refused) -> refused.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
			.authorizeHttpRequests((requests) -> {
				// An error page is rendered for a request that was already let through.
				requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
				for (AccessRules.Rule rule : AccessRules.RULES) {
					String[] patterns = rule.patterns().toArray(String[]::new);
					var matched = (rule.method() != null) ? requests.requestMatchers(rule.method(), patterns)
							: requests.requestMatchers(patterns);
					if (rule.anonymous()) {
						matched.permitAll();
					}
					else {
						matched.hasAnyRole(rule.roles().stream().map(Role::name).toArray(String[]::new));
					}
				}
			});
		return http.build();
	}

	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(Role.ADMIN.name())
			.implies(Role.READ.name(), Role.PREDICT.name())
			.build();
	}

	/**
	 * No observations of Spring Security's own: with an observation registry present it
	 * observes the filter chain, every filter in it and every authorization decision, and
	 * each observation becomes timers and counters, which cost more than a quarter of a
	 * prediction's time on the server (JFR, bench/README.md). What a caller was allowed
	 * is in {@code http.server.requests} already: its status (401, 403) and outcome.
	 */
	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/** No users and no passwords: keeps Spring Boot from generating a default user. */
	@Bean
	UserDetailsService noUsers() {
		return new InMemoryUserDetailsManager();
	}

}
