package dev.reproserve;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.reproserve.bundle.Sha256;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestModels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service as a client sees it: real HTTP, real PostgreSQL, real Tribuo models. */
@ReproserveTest
class EndToEndTests {

	private ReproserveClient client;

	@Autowired
	void client(RestTestClient rest) {
		this.client = new ReproserveClient(rest);
	}

	@Test
	void trainRegisterPromoteAndPredict() {
		String model = "e2e-" + UUID.randomUUID().toString().substring(0, 8);

		JsonNode job = train(model, TestModels.irisSpecJson());
		assertThat(job.get("status").asString()).isEqualTo("succeeded");
		assertThat(job.get("version").asInt()).isEqualTo(1);
		assertThat(job.get("metrics").get("accuracy").asDouble()).isGreaterThan(0.9);
		JsonNode version = this.client.getJson("/api/v1/models/" + model + "/versions/1");
		assertThat(version.get("status").get("status").asString()).isEqualTo("verified");
		assertThat(version.get("bundleSha256").asString()).isEqualTo(job.get("bundleSha256").asString());

		Response bundle = this.client.get("/api/v1/models/" + model + "/versions/1/bundle");
		assertThat(bundle.statusCode()).isEqualTo(200);
		assertThat(Sha256.hex(bundle.bytes())).isEqualTo(version.get("bundleSha256").asString());

		String copy = model + "-copy";
		String alice = "alice-" + model;
		ReproserveClient bob = this.client.as("bob-" + model, "admin");
		this.client = this.client.as(alice, "admin");
		Response registered = upload(copy, "alice", bundle.bytes());
		assertThat(registered.statusCode()).isEqualTo(201);
		assertThat(json(registered).get("bundleSha256").asString()).isEqualTo(version.get("bundleSha256").asString());
		Response again = bob.post("/api/v1/models/" + copy + "/versions", "application/octet-stream", bundle.bytes());
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(json(again).get("version").asInt()).isEqualTo(1);
		assertThat(json(again).get("createdBy").asString()).isEqualTo(alice);

		Response moved = put("/api/v1/models/" + copy + "/aliases/production",
				"{\"version\": 1, \"actor\": \"alice\", \"reason\": \"first release\"}");
		assertThat(moved.statusCode()).isEqualTo(200);
		assertThat(json(moved).get("changed").asBoolean()).isTrue();

		Response predicted = post("/api/v1/models/" + copy + "/aliases/production/predict",
				"{\"id\": \"req-7\", \"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 0.2},"
						+ " {\"sepal_length\": 6.7, \"sepal_width\": 3.0, \"petal_length\": 5.2, \"petal_width\": 2.3}]}");
		assertThat(predicted.statusCode()).isEqualTo(200);
		JsonNode prediction = json(predicted);
		assertThat(prediction.get("id").asString()).isEqualTo("req-7");
		assertThat(prediction.get("model").asString()).isEqualTo(copy);
		assertThat(prediction.get("version").asInt()).isEqualTo(1);
		assertThat(prediction.get("alias").asString()).isEqualTo("production");
		assertThat(prediction.get("bundleSha256").asString()).isEqualTo(version.get("bundleSha256").asString());
		assertThat(prediction.get("predictions").get(0).get("label").asString()).isEqualTo("setosa");
		assertThat(prediction.get("predictions").get(1).get("label").asString()).isEqualTo("virginica");
		assertThat(prediction.get("predictions").get(0).get("scores").propertyNames())
			.containsExactlyInAnyOrder("setosa", "versicolor", "virginica");

		// The exact version answers the same as the alias that points at it.
		Response byVersion = post("/api/v1/models/" + copy + "/versions/1/predict",
				"{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 0.2}]}");
		assertThat(json(byVersion).get("predictions").get(0)).isEqualTo(prediction.get("predictions").get(0));

		Response history = this.client.get("/api/v1/models/" + copy + "/history");
		JsonNode event = json(history).get("items").get(0);
		assertThat(event.get("alias").asString()).isEqualTo("production");
		assertThat(event.get("toVersion").asInt()).isEqualTo(1);
		assertThat(event.get("actor").asString()).isEqualTo(alice);
		assertThat(event.get("reason").asString()).isEqualTo("first release");

		JsonNode summary = this.client.getJson("/api/v1/models/" + copy);
		assertThat(summary.get("latestVersion").asInt()).isEqualTo(1);
		assertThat(summary.get("aliases").get("production").asInt()).isEqualTo(1);
		assertThat(summary.get("createdBy").asString()).isEqualTo(alice);

		Response details = this.client.get("/api/v1/models/" + copy + "/versions/1");
		JsonNode manifest = json(details).get("manifest");
		assertThat(manifest.get("trainingData").get("rowCount").asInt()).isEqualTo(150);
		assertThat(manifest.get("training").get("seeds").get("trainer").asLong()).isEqualTo(42);
		assertThat(json(details).get("aliases").get(0).asString()).isEqualTo("production");
	}

	@Test
	void servesARegressionModelWithCategoricalFeatures() {
		String model = "mass-" + UUID.randomUUID().toString().substring(0, 8);
		String spec = """
				{"formatVersion": 1, "task": "regression", "target": "body_mass_g",
				 "features": [{"name": "species", "type": "categorical"}, {"name": "sex", "type": "categorical"},
				              {"name": "flipper_length_mm", "type": "numeric"}],
				 "trainer": {"type": "linear-sgd", "hyperparameters": {"epochs": 10}}, "seed": 5}
				""";

		JsonNode job = train(model, spec, "penguins-complete.csv",
				TestModels.resource("datasets/penguins-complete.csv"));
		assertThat(job.get("status").asString()).isEqualTo("succeeded");
		assertThat(job.get("metrics").propertyNames()).contains("rmse", "mae", "r2");

		Response predicted = post("/api/v1/models/" + model + "/versions/1/predict",
				"{\"instances\": [{\"species\": \"Gentoo\", \"sex\": \"MALE\", \"flipper_length_mm\": 230},"
						+ " {\"species\": \"Adelie\", \"sex\": \"FEMALE\", \"flipper_length_mm\": 185}]}");
		assertThat(predicted.statusCode()).isEqualTo(200);
		JsonNode predictions = json(predicted).get("predictions");
		assertThat(predictions.get(0).has("label")).isFalse();
		assertThat(predictions.get(0).has("scores")).isFalse();
		// Heavy Gentoo males against light Adelie females: the model must at least order
		// them.
		assertThat(predictions.get(0).get("value").asDouble())
			.isGreaterThan(predictions.get(1).get("value").asDouble());
	}

	@Test
	void servesTheOpenApiDocumentOfTheHttpApi() {
		Response response = this.client.get("/v3/api-docs");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode api = json(response);
		assertThat(api.get("info").get("title").asString()).isEqualTo("Reproserve");
		assertThat(api.get("paths").propertyNames()).contains("/api/v1/models/{name}/aliases/{alias}/predict",
				"/api/v1/models/{name}/versions/{version}/predict", "/api/v1/trainings", "/api/v1/datasets",
				"/api/v1/models/{name}/versions/{version}/reproductions");
		// Bodies read as raw bytes are declared too, so clients see every way in.
		assertThat(api.at("/paths/~1api~1v1~1datasets/post/requestBody/content").propertyNames()).contains("text/csv",
				"multipart/form-data", "application/json");
		assertThat(
				api.at("/paths/~1api~1v1~1models~1{name}~1versions~1{version}~1reproductions/post/requestBody/content")
					.propertyNames())
			.contains("text/csv");
		// The bearer-key scheme, and on each operation the roles the service enforces.
		assertThat(api.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
		assertThat(api.at("/paths/~1api~1v1~1models~1{name}~1aliases~1{alias}~1predict/post/x-roles").toString())
			.isEqualTo("[\"predict\",\"admin\"]");
		assertThat(api.at("/paths/~1api~1v1~1models/get/x-roles").toString()).isEqualTo("[\"read\",\"admin\"]");
		assertThat(api.at("/paths/~1api~1v1~1keys/post/x-roles").toString()).isEqualTo("[\"admin\"]");
		assertThat(api.at("/paths/~1api~1v1~1models~1{name}~1versions/post/security/0").has("apiKey")).isTrue();
		assertThat(this.client.withKey(null).get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
		// Examples for the first calls: predict and its 422, register, alias move.
		String predict = "/paths/~1api~1v1~1models~1{name}~1aliases~1{alias}~1predict/post";
		assertThat(api.at(predict + "/requestBody/content/application~1json/example/instances").isArray()).isTrue();
		assertThat(api.at(predict + "/responses/422/content/application~1problem+json/example/violations").size())
			.isEqualTo(2);
		assertThat(api.at("/paths/~1api~1v1~1models~1{name}~1versions/post/requestBody/content").propertyNames())
			.contains("application/octet-stream", "multipart/form-data");
		assertThat(api
			.at("/paths/~1api~1v1~1models~1{name}~1versions/post/responses/201/content/application~1json"
					+ "/example/version")
			.asInt()).isEqualTo(2);
		assertThat(api
			.at("/paths/~1api~1v1~1models~1{name}~1aliases~1{alias}/put/requestBody/content/application~1json"
					+ "/example/reason")
			.asString()).isNotBlank();
	}

	@Test
	void schemaEndpointTellsClientsWhatToSend() {
		String model = "schema-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(train(model, TestModels.irisSpecJson()).get("status").asString()).isEqualTo("succeeded");

		JsonNode schema = this.client.getJson("/api/v1/models/" + model + "/versions/1/schema");

		assertThat(schema.get("features").get(0).get("name").asString()).isEqualTo("sepal_length");
		assertThat(schema.get("features").get(0).get("type").asString()).isEqualTo("numeric");
		assertThat(schema.get("output").get("kind").asString()).isEqualTo("classification");
		assertThat(schema.get("output").get("labels").size()).isEqualTo(3);
	}

	private JsonNode train(String model, String spec) {
		return train(model, spec, "iris.csv", TestModels.resource("examples/iris.csv"));
	}

	/**
	 * Takes a snapshot of the data, asks for a training job on it and waits until the job
	 * has finished.
	 */
	private JsonNode train(String model, String spec, String file, byte[] csv) {
		String datasetId = this.client.upload(csv, file).get("id").asString();
		Response accepted = post("/api/v1/trainings", "{\"modelName\": \"" + model + "\", \"datasetId\": \"" + datasetId
				+ "\", \"actor\": \"ci\", \"spec\": " + spec + "}");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		String location = accepted.header("Location").orElseThrow();
		assertThat(location).isEqualTo("/api/v1/trainings/" + json(accepted).get("id").asLong());
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> this.client.getJson(location),
					(job) -> List.of("succeeded", "failed").contains(job.get("status").asString()));
	}

	private Response upload(String model, String actor, byte[] bundle) {
		return this.client.post("/api/v1/models/" + model + "/versions?actor=" + actor, "application/octet-stream",
				bundle);
	}

	private Response post(String path, String json) {
		return this.client.postJson(path, json);
	}

	private Response put(String path, String json) {
		return this.client.putJson(path, json);
	}

	private static JsonNode json(Response response) {
		return response.json();
	}

}
