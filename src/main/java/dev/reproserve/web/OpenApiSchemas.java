package dev.reproserve.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import dev.reproserve.shared.DomainException;

import org.springframework.stereotype.Component;

/**
 * The schemas and request bodies of the OpenAPI document as client generators need them,
 * without changing a byte on the wire:
 * <ul>
 * <li>{@code DependencyList} is described as the object of software versions it is, with
 * its members named in the description: as a class with a property {@code java}, a
 * generated Java client does not compile (the field hides the package {@code java} in the
 * code generated beside it), and the member is named {@code java} in every recorded
 * bundle;</li>
 * <li>{@code Problem} describes the problem+json body, with the members clients read (the
 * schema violations of a 422 among them), and each predict operation's 422 refers to
 * it;</li>
 * <li>a request body that may be multipart lists {@code multipart/form-data} first:
 * generators build the call from the first media type, and openapi-generator (7.25.0)
 * imports a form model that it never writes when the multipart one comes later.</li>
 * </ul>
 */
@Component
class OpenApiSchemas implements GlobalOpenApiCustomizer {

	static final String PROBLEM = "Problem";

	private static final String MULTIPART = "multipart/form-data";

	@Override
	public void customise(OpenAPI api) {
		if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
			Map<String, Schema> schemas = api.getComponents().getSchemas();
			schemas.computeIfPresent("DependencyList", (name, schema) -> dependencyList());
			schemas.put("SchemaViolation", schemaViolation());
			schemas.put(PROBLEM, problem());
		}
		if (api.getPaths() == null) {
			return;
		}
		api.getPaths().forEach((path, item) -> item.readOperations().forEach(OpenApiSchemas::multipartFirst));
		for (String predict : new String[] { "/api/v1/models/{name}/versions/{version}/predict",
				"/api/v1/models/{name}/aliases/{alias}/predict" }) {
			PathItem item = api.getPaths().get(predict);
			if (item != null && item.getPost() != null) {
				problemResponse(item.getPost(), "422", "The instances do not match the version's input schema: "
						+ "violations lists every violation at once");
			}
		}
	}

	private static void multipartFirst(Operation operation) {
		if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
			return;
		}
		Content content = operation.getRequestBody().getContent();
		MediaType multipart = content.get(MULTIPART);
		if (multipart == null) {
			return;
		}
		Content reordered = new Content();
		reordered.addMediaType(MULTIPART, multipart);
		content.forEach(reordered::putIfAbsent);
		operation.getRequestBody().setContent(reordered);
	}

	private static void problemResponse(Operation operation, String status, String description) {
		ApiResponse response = operation.getResponses()
			.computeIfAbsent(status, (code) -> new ApiResponse().description(description));
		if (response.getContent() == null) {
			response.setContent(new Content());
		}
		response.getContent()
			.computeIfAbsent("application/problem+json", (type) -> new MediaType())
			.setSchema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM));
	}

	private static Schema<?> dependencyList() {
		return typed("object").additionalProperties(true)
			.description("The software a version was trained with, or that this replica runs, by name: tribuo "
					+ "(Tribuo version), java (Java runtime version), javaVendor, reproserve (Reproserve version), "
					+ "osName, osArch, reproserveCommit (the git commit of the build, with -dirty for uncommitted "
					+ "changes), components (the libraries that can change a prediction, group:artifact to "
					+ "version), sbomSha256 (the SHA-256 of the build's CycloneDX SBOM), image and imageRevision "
					+ "(the container image). Members a bundle did not record are null.")
			.example(example());
	}

	private static Map<String, Object> example() {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("tribuo", "4.3.2");
		example.put("java", "17.0.15+6-Debian-1deb12u1");
		example.put("javaVendor", "Debian");
		example.put("reproserve", "0.1.0");
		example.put("osName", "Linux");
		example.put("osArch", "amd64");
		example.put("components", Map.of("org.tribuo:tribuo-core", "4.3.2"));
		return example;
	}

	private static Schema<?> schemaViolation() {
		return typed("object").description("One way an instance does not match the input schema.")
			.addProperty("instance",
					typed("integer").format("int32")
						.description("The index of the instance in the request; absent for the request as a whole"))
			.addProperty("feature", typed("string").description("The feature; absent for a whole instance"))
			.addProperty("problem",
					typed("string").description("missing, unexpected, null, wrong-type, not-finite, "
							+ "unknown-category, not-an-object, missing-instances, empty-batch or no-known-features"))
			.addProperty("expected", typed("string").description("What the schema wants"))
			.addProperty("actual", typed("string").description("What the request had"))
			.required(List.of("problem", "expected"));
	}

	private static Schema<?> problem() {
		return typed("object")
			.description("An RFC 9457 problem (application/problem+json). The type is a stable URI under "
					+ DomainException.TYPE_BASE + "; other members than these appear where they help (docs/api.md "
					+ "lists every type and its members).")
			.addProperty("type", typed("string").format("uri"))
			.addProperty("title", typed("string"))
			.addProperty("status", typed("integer").format("int32"))
			.addProperty("detail", typed("string"))
			.addProperty("instance", typed("string").description("The request path"))
			.addProperty("model", typed("string"))
			.addProperty("version", typed("integer").format("int32"))
			.addProperty("violations",
					typed("array").items(new JsonSchema().$ref("#/components/schemas/SchemaViolation"))
						.description("The schema violations of a predict request (type schema-violation)"))
			.addProperty("problems",
					typed("array").items(typed("string"))
						.description("What was wrong, one sentence each, for the 422s that list them"))
			.required(List.of("type", "title", "status"));
	}

	private static Schema<?> typed(String type) {
		return new JsonSchema().types(Set.of(type));
	}

}
