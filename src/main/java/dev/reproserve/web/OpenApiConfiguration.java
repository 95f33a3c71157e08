package dev.reproserve.web;

import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.reproserve.shared.DomainException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Title, version and licence of the OpenAPI document served at {@code /v3/api-docs}
 * (OpenAPI 3.1, which allows the licence's SPDX {@code identifier}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// Jackson 3 trees (a manifest, a comparison, a reproduction's differences) are
		// JSON objects on the wire. springdoc reads them as beans otherwise, and the
		// document gets a schema named JsonNode with the tree's accessors as properties,
		// which a generated client cannot even compile beside Jackson's own class.
		SpringDocUtils.getConfig()
			.replaceWithSchema(JsonNode.class, jsonObject())
			.replaceWithSchema(ObjectNode.class, jsonObject());
	}

	@Bean
	OpenAPI reproserveOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI().info(new Info().title("Reproserve")
			.version((properties != null) ? properties.getVersion() : "unknown")
			.description("Model serving with versioned, immutable, verified model bundles. Errors are "
					+ "application/problem+json with a type under " + DomainException.TYPE_BASE + ".")
			.license(new License().name("Apache License 2.0").identifier("Apache-2.0")));
	}

	private static Schema<?> jsonObject() {
		return new JsonSchema().types(Set.of("object")).additionalProperties(true);
	}

}
