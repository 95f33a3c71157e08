package dev.reproserve.web;

import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import dev.reproserve.shared.DomainException;

import org.springframework.stereotype.Component;

/**
 * Examples in the OpenAPI document for the calls a newcomer makes first: predict (with
 * the 422 that lists every violation), register a bundle (raw bytes or multipart) and
 * move an alias. Values as the service really answers them for the built-in iris model.
 */
@Component
class OpenApiExamples implements GlobalOpenApiCustomizer {

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String JSON = "application/json";

	private static final Object PREDICT_REQUEST = Map.of("id", "req-1", "instances",
			new Object[] { Map.of("sepal_length", 5.1, "sepal_width", 3.5, "petal_length", 1.4, "petal_width", 0.2) });

	private static final Object PREDICT_RESPONSE = Map.of("id", "req-1", "model", "iris", "version", 1, "alias",
			"production", "bundleSha256", "97f7807b65566098e7f0baf183cb3a74f21e456db66623970d4060a07bdeb1fd",
			"predictions", new Object[] { Map.of("label", "setosa", "scores",
					Map.of("setosa", 0.995, "versicolor", 0.0049, "virginica", 2.8e-8)) });

	private static final Object VIOLATIONS = Map.of("type", DomainException.typeOf("schema-violation"), "title",
			"Request does not match the model's input schema", "status", 422, "detail",
			"2 violation(s); GET /api/v1/models/iris/versions/1/schema describes what to send.", "model", "iris",
			"version", 1, "violations",
			new Object[] {
					Map.of("instance", 0, "feature", "sepal_length", "problem", "wrong-type", "expected",
							"a JSON number", "actual", "string \"long\""),
					Map.of("instance", 0, "feature", "petal_width", "problem", "missing", "expected",
							"a JSON number") });

	private static final Object REGISTERED = Map.of("model", "iris", "version", 2, "bundleSha256",
			"1e8b830b66ad47455d7274740989a150b5b8c684acc5f891fdb5827550fb934f", "createdBy", "admin");

	private static final Object ALIAS_MOVE = Map.of("version", 2, "reason", "retrained from the same data and spec");

	private static final Object ALIAS_MOVED = Map.of("model", "iris", "alias", "production", "version", 2,
			"previousVersion", 1, "changed", true, "updatedBy", "admin");

	@Override
	public void customise(OpenAPI api) {
		if (api.getPaths() == null) {
			return;
		}
		for (String predict : new String[] { "/api/v1/models/{name}/versions/{version}/predict",
				"/api/v1/models/{name}/aliases/{alias}/predict" }) {
			operation(api, predict, PathItem.HttpMethod.POST, (operation) -> {
				requestExample(operation, JSON, PREDICT_REQUEST);
				responseExample(operation, "200", JSON, "The prediction, with the version that made it",
						PREDICT_RESPONSE);
				responseExample(operation, "422", PROBLEM_JSON, "Every schema violation at once", VIOLATIONS);
			});
		}
		operation(api, "/api/v1/models/{name}/versions", PathItem.HttpMethod.POST, (operation) -> {
			// The raw-bytes mapping reads the body itself, so springdoc sees only the
			// multipart one.
			if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
				MediaType raw = new MediaType().schema(new JsonSchema().types(Set.of("string")).format("binary"));
				raw.addExamples("bundle",
						new Example().summary("The bundle file as the whole body")
							.description("curl --data-binary @iris-1.reproserve.zip -H 'Content-Type: "
									+ "application/octet-stream' .../api/v1/models/iris/versions"));
				operation.getRequestBody().getContent().putIfAbsent("application/octet-stream", raw);
			}
			responseExample(operation, "201", JSON, "Registered as a new version", REGISTERED);
		});
		operation(api, "/api/v1/models/{name}/aliases/{alias}", PathItem.HttpMethod.PUT, (operation) -> {
			requestExample(operation, JSON, ALIAS_MOVE);
			responseExample(operation, "200", JSON, "The alias now names version 2", ALIAS_MOVED);
		});
	}

	private static void operation(OpenAPI api, String path, PathItem.HttpMethod method,
			java.util.function.Consumer<Operation> customizer) {
		PathItem item = api.getPaths().get(path);
		Operation operation = (item != null) ? item.readOperationsMap().get(method) : null;
		if (operation != null) {
			customizer.accept(operation);
		}
	}

	private static void requestExample(Operation operation, String mediaType, Object value) {
		if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
			MediaType media = operation.getRequestBody().getContent().get(mediaType);
			if (media != null) {
				media.setExample(value);
			}
		}
	}

	private static void responseExample(Operation operation, String status, String mediaType, String description,
			Object value) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		ApiResponse response = responses.computeIfAbsent(status, (code) -> new ApiResponse().description(description));
		if (response.getContent() == null) {
			response.setContent(new Content());
		}
		MediaType media = response.getContent().computeIfAbsent(mediaType, (type) -> new MediaType());
		media.setExample(value);
		operation.setResponses(responses);
	}

}
