package dev.reproserve.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

import dev.reproserve.shared.DomainException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title and version of the OpenAPI document served at {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI reproserveOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI().info(new Info().title("Reproserve")
			.version((properties != null) ? properties.getVersion() : "unknown")
			.description("Model serving with versioned, immutable, verified model bundles. Errors are "
					+ "application/problem+json with a type under " + DomainException.TYPE_BASE + ".")
			.license(new License().name("See the project repository")));
	}

}
