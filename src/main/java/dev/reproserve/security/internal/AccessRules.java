package dev.reproserve.security.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reproserve.security.Role;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what, as one table read in order, first match wins: the filter chain is
 * configured from it and the OpenAPI document names each operation's roles from it, so
 * the two cannot disagree.
 */
final class AccessRules {

	/**
	 * One rule.
	 *
	 * @param method the method, or null for any
	 * @param patterns path patterns
	 * @param roles the roles that may (admin holds the others too); empty for anyone
	 */
	record Rule(@Nullable HttpMethod method, List<String> patterns, List<Role> roles) {

		boolean matches(HttpMethod requestMethod, String path) {
			PathContainer container = PathContainer.parsePath(path);
			return (this.method == null || this.method.equals(requestMethod)) && this.patterns.stream()
				.map(PathPatternParser.defaultInstance::parse)
				.anyMatch((pattern) -> pattern.matches(container));
		}

		boolean anonymous() {
			return this.roles.isEmpty();
		}

	}

	private static final List<String> UI_FILES = List.of("/ui", "/ui/", "/ui/**", "/webjars/**");

	static final List<Rule> RULES = List.of(
			new Rule(HttpMethod.GET,
					List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"), List.of()),
			new Rule(HttpMethod.GET, List.of("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"),
					List.of()),
			// The web page's files hold no data: the page asks for a key and sends
			// it with every API call.
			new Rule(HttpMethod.GET, UI_FILES, List.of()), new Rule(HttpMethod.HEAD, UI_FILES, List.of()),
			new Rule(HttpMethod.POST,
					List.of("/api/v1/models/{name}/versions/{version}/predict",
							"/api/v1/models/{name}/aliases/{alias}/predict"),
					List.of(Role.PREDICT)),
			new Rule(HttpMethod.GET, List.of("/api/v1/models/{name}/versions/{version}/schema"),
					List.of(Role.PREDICT, Role.READ)),
			// The Open Inference Protocol: its health probes as open as ours, inference
			// as predict, and what a client needs to build a request (server and model
			// metadata, model readiness) for either role.
			new Rule(HttpMethod.GET, List.of("/v2/health/live", "/v2/health/ready"), List.of()),
			new Rule(HttpMethod.POST, List.of("/v2/models/{name}/infer", "/v2/models/{name}/versions/{version}/infer"),
					List.of(Role.PREDICT)),
			new Rule(HttpMethod.GET,
					List.of("/v2", "/v2/", "/v2/models/{name}", "/v2/models/{name}/ready",
							"/v2/models/{name}/versions/{version}", "/v2/models/{name}/versions/{version}/ready"),
					List.of(Role.PREDICT, Role.READ)),
			new Rule(null, List.of("/api/v1/keys", "/api/v1/keys/**"), List.of(Role.ADMIN)),
			new Rule(HttpMethod.GET, List.of("/**"), List.of(Role.READ)),
			new Rule(null, List.of("/**"), List.of(Role.ADMIN)));

	private AccessRules() {
	}

	/** The rule a request falls under. */
	static Rule ruleFor(HttpMethod method, String path) {
		return RULES.stream()
			.filter((rule) -> rule.matches(method, path))
			.findFirst()
			.orElse(RULES.get(RULES.size() - 1));
	}

}
