package dev.reproserve.security.internal;

import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import dev.reproserve.security.Role;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Declares the bearer-key scheme in the OpenAPI document and, on every operation, the
 * roles that may call it ({@code x-roles}, and a line of its description), read from the
 * same {@link AccessRules} the filter chain enforces.
 */
@Component
class OpenApiSecurity implements GlobalOpenApiCustomizer {

	static final String SCHEME = "apiKey";

	@Override
	public void customise(OpenAPI api) {
		Components components = (api.getComponents() != null) ? api.getComponents() : new Components();
		components.addSecuritySchemes(SCHEME,
				new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("An API key: Authorization: Bearer <key>. An admin creates keys with "
							+ "POST /api/v1/keys; each key has one role: predict, read or admin."));
		api.setComponents(components);
		if (api.getPaths() == null) {
			return;
		}
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			AccessRules.Rule rule = AccessRules.ruleFor(HttpMethod.valueOf(method.name()), path);
			document(operation, rule.roles());
		}));
	}

	private static void document(Operation operation, List<Role> roles) {
		if (roles.isEmpty()) {
			operation.setSecurity(List.of());
			return;
		}
		operation.addSecurityItem(new SecurityRequirement().addList(SCHEME));
		List<String> names = roles.stream().map(Role::json).collect(Collectors.toList());
		if (!roles.contains(Role.ADMIN)) {
			names.add(Role.ADMIN.json());
		}
		operation.addExtension("x-roles", names);
		String needs = "Needs a key with the role " + String.join(" or ", names) + ".";
		operation
			.setDescription((operation.getDescription() != null) ? operation.getDescription() + "\n\n" + needs : needs);
	}

}
