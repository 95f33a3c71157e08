package dev.reproserve.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.reproserve.support.OpenApiGenerator;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What client generators need of {@code /v3/api-docs}: a document their validator
 * accepts, one capability tag and a unique, meaningful id per operation, no schema named
 * after a Java type, and request bodies they can model. {@code GeneratedClientTests}
 * proves the whole of it with a generated client.
 */
@ReproserveTest
class OpenApiDocumentTests {

	private static final Set<String> TAGS = Set.of("Predictions", "Models", "Aliases", "Datasets", "Trainings",
			"Reproductions", "Drift", "Keys", "Open Inference Protocol");

	/** Names of Java types a generated class would collide with, or hide. */
	private static final Set<String> JAVA_TYPES = Set.of("JsonNode", "ObjectNode", "ArrayNode", "Object", "Map", "List",
			"Set", "Collection", "String", "Integer", "Long", "Double", "Float", "Boolean", "Number", "BigDecimal",
			"Instant", "OffsetDateTime", "LocalDate", "Duration", "Optional", "Class", "Void", "File", "URI", "URL",
			"UUID", "Locale");

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

	private ReproserveClient client;

	@Autowired
	void client(RestTestClient rest) {
		this.client = new ReproserveClient(rest);
	}

	@Test
	void isAnOpenApi31DocumentUnderTheApacheLicence() {
		JsonNode api = document();

		assertThat(api.get("openapi").asString()).startsWith("3.1.");
		assertThat(api.at("/info/license/name").asString()).isEqualTo("Apache License 2.0");
		assertThat(api.at("/info/license/identifier").asString()).isEqualTo("Apache-2.0");
	}

	@Test
	void passesTheValidatorOfOpenApiGenerator(@TempDir Path work) throws Exception {
		Path document = work.resolve("api-docs.json");
		Files.write(document, this.client.get("/v3/api-docs").bytes());

		assertThat(OpenApiGenerator.validate(document, work)).contains("No validation issues detected");
	}

	@Test
	void tagsEveryOperationWithItsCapabilityAndGivesItAUniqueMeaningfulId() {
		JsonNode api = document();
		List<String> ids = new ArrayList<>();
		api.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			if (!METHODS.contains(operation.getKey())) {
				return;
			}
			String where = operation.getKey().toUpperCase() + " " + path.getKey();
			JsonNode tags = operation.getValue().path("tags");
			assertThat(tags.size()).as("tags of %s", where).isEqualTo(1);
			assertThat(tags.get(0).asString()).as("tag of %s", where).isIn(TAGS);
			String id = operation.getValue().path("operationId").asString();
			assertThat(id).as("operationId of %s", where).matches("[a-z][a-zA-Z]+");
			ids.add(id);
		}));

		assertThat(ids).doesNotHaveDuplicates()
			.contains("predictWithAlias", "predictWithVersion", "listVersions", "getVersion", "registerVersion",
					"moveAlias", "createDataset", "startTraining", "reproduceVersion", "getVersionDrift", "createKey",
					"modelInfer");
		assertThat(api.at("/paths/~1api~1v1~1models~1{name}~1aliases~1{alias}~1predict/post/operationId").asString())
			.isEqualTo("predictWithAlias");
		assertThat(api.at("/paths/~1api~1v1~1models~1{name}~1aliases~1{alias}/put/tags/0").asString())
			.isEqualTo("Aliases");
		assertThat(api.get("paths").has("/v2/")).as("the server metadata once, at /v2").isFalse();
		List<String> declared = new ArrayList<>();
		api.get("tags").forEach((tag) -> {
			assertThat(tag.path("description").asString()).as("description of tag %s", tag.path("name")).isNotBlank();
			declared.add(tag.path("name").asString());
		});
		assertThat(declared).containsExactlyInAnyOrderElementsOf(TAGS);
	}

	@Test
	void namesNoSchemaOrPropertyLikeAJavaTypeOrPackage() {
		JsonNode schemas = document().at("/components/schemas");

		assertThat(schemas.propertyNames()).doesNotContainAnyElementsOf(JAVA_TYPES)
			.contains("Problem", "SchemaViolation", "DependencyList", "PredictionResponse");
		schemas.properties()
			.forEach((schema) -> assertThat(schema.getValue().path("properties").propertyNames())
				.as("properties of %s", schema.getKey())
				.doesNotContain("java", "javax"));
		// The dependency list keeps its member java on the wire: the document describes
		// it
		// as the object of software versions it is.
		assertThat(schemas.at("/DependencyList/description").asString()).contains("java (Java runtime version)");
		assertThat(schemas.at("/DependencyList/additionalProperties").asBoolean()).isTrue();
	}

	@Test
	void describesBodiesAsGeneratorsModelThemAndTheProblemOfA422() {
		JsonNode paths = document().get("paths");

		for (String path : List.of("/api/v1/datasets", "/api/v1/trainings", "/api/v1/models/{name}/versions")) {
			assertThat(paths.get(path).at("/post/requestBody/content").propertyNames()).as(path)
				.first()
				.isEqualTo("multipart/form-data");
		}
		assertThat(paths
			.at("/~1api~1v1~1models~1{name}~1versions/post/requestBody/content/application~1octet-stream"
					+ "/schema/type")
			.asString()).isEqualTo("string");
		assertThat(paths
			.at("/~1api~1v1~1models~1{name}~1versions~1{version}~1predict/post/responses/422/content"
					+ "/application~1problem+json/schema/$ref")
			.asString()).isEqualTo("#/components/schemas/Problem");
	}

	private JsonNode document() {
		return this.client.getJson("/v3/api-docs");
	}

}
