package dev.reproserve.oip;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestModels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.oip.OipModels.irisColumns;
import static dev.reproserve.oip.OipModels.output;
import static dev.reproserve.oip.OipModels.request;
import static dev.reproserve.oip.OipModels.tensor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the Open Inference Protocol, each answer checked against the
 * protocol's published REST specification ({@link OipSpec}): health, server and model
 * metadata, model readiness, inference and its errors, and who may call what.
 */
@ReproserveTest
class OipConformanceTests {

	private ReproserveClient client;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	void client(RestTestClient rest) {
		this.client = new ReproserveClient(rest);
	}

	@BeforeEach
	void models() {
		OipModels.train(this.client);
	}

	private String iris() {
		return OipModels.iris();
	}

	// Health

	@Test
	void serverHealthIsAStatusWithAnEmptyBodyForAnyone() {
		ReproserveClient anonymous = this.client.withKey(null);

		OipSpec.health(anonymous.get("/v2/health/live"), true);
		OipSpec.health(anonymous.get("/v2/health/ready"), true);
	}

	@Test
	void modelReadinessNamesTheDefaultAliasOrAVersion() {
		OipSpec.health(this.client.get("/v2/models/" + iris() + "/ready"), true);
		OipSpec.health(this.client.get("/v2/models/" + iris() + "/versions/1/ready"), true);

		JsonNode unknown = OipSpec.error(this.client.get("/v2/models/no-such-model/ready"), 404);
		assertThat(unknown.path("error").asString()).contains("no-such-model");
		OipSpec.error(this.client.get("/v2/models/" + iris() + "/versions/9/ready"), 404);
	}

	@Test
	void aVersionThatFailsVerificationIsNotReadyAndServesNothing() {
		String model = TestData.uniqueModel("oip-broken");
		byte[] bundle = TestModels.rewrittenAt(
				BundleCodec.open(this.client.get("/api/v1/models/" + iris() + "/versions/1/bundle").bytes(), null),
				1_900_000_000L + (System.nanoTime() % 1_000_000));
		Response registered = this.client.post("/api/v1/models/" + model + "/versions", "application/octet-stream",
				bundle);
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		TestData.corruptStoredBundle(this.jdbc, registered.json().path("bundleSha256").asString());

		OipSpec.health(this.client.get("/v2/models/" + model + "/versions/1/ready"), false);
		JsonNode refused = OipSpec
			.error(this.client.postJson("/v2/models/" + model + "/versions/1/infer", irisColumns(null)), 409);
		assertThat(refused.path("error").asString()).contains("failed verification");
		// Its manifest still describes it.
		OipSpec.modelMetadata(this.client.get("/v2/models/" + model + "/versions/1"));
	}

	// Metadata

	@Test
	void serverMetadataNamesTheServiceItsVersionAndNoExtensions() {
		for (String path : List.of("/v2", "/v2/")) {
			JsonNode server = OipSpec.serverMetadata(this.client.get(path));

			assertThat(server.path("name").asString()).isEqualTo("reproserve");
			assertThat(server.path("version").asString()).isNotBlank().isNotEqualTo("unknown");
			assertThat(server.path("extensions")).isEmpty();
		}
	}

	@Test
	void modelMetadataDescribesEachFeatureAsATensorWithABatchDimension() {
		JsonNode model = OipSpec.modelMetadata(this.client.get("/v2/models/" + iris()));

		assertThat(model.path("name").asString()).isEqualTo(iris());
		assertThat(model.path("versions").toString()).isEqualTo("[\"1\"]");
		assertThat(model.path("platform").asString()).isEqualTo("tribuo_protobuf");
		assertThat(model.path("inputs").toString()).isEqualTo("[{\"name\":\"sepal_length\",\"datatype\":\"FP64\","
				+ "\"shape\":[-1]},{\"name\":\"sepal_width\",\"datatype\":\"FP64\",\"shape\":[-1]},"
				+ "{\"name\":\"petal_length\",\"datatype\":\"FP64\",\"shape\":[-1]},"
				+ "{\"name\":\"petal_width\",\"datatype\":\"FP64\",\"shape\":[-1]}]");
		JsonNode label = model.path("outputs").get(0);
		JsonNode scores = model.path("outputs").get(1);
		assertThat(label.toString()).isEqualTo("{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1]}");
		assertThat(scores.path("name").asString()).isEqualTo("scores");
		assertThat(scores.path("datatype").asString()).isEqualTo("FP64");
		assertThat(scores.path("shape").toString()).isEqualTo("[-1,3]");
		assertThat(OipModels.JSON.readTree(scores.path("parameters").path("labels").asString()))
			.containsExactlyInAnyOrderElementsOf(
					OipModels.JSON.readTree("[\"setosa\", \"versicolor\", \"virginica\"]"));
		String sha = this.client.getJson("/api/v1/models/" + iris() + "/versions/1").path("bundleSha256").asString();
		assertThat(model.path("parameters").toString())
			.isEqualTo("{\"version\":\"1\",\"bundle_sha256\":\"" + sha + "\",\"alias\":\"production\"}");

		JsonNode exact = OipSpec.modelMetadata(this.client.get("/v2/models/" + iris() + "/versions/1"));
		assertThat(exact.path("inputs")).isEqualTo(model.path("inputs"));
		assertThat(exact.path("parameters").has("alias")).isFalse();
	}

	@Test
	void modelMetadataGivesCategoriesAndWhereAValueMayBeMissing() {
		JsonNode penguins = OipSpec.modelMetadata(this.client.get("/v2/models/" + OipModels.penguins()));

		JsonNode island = penguins.path("inputs").get(0);
		assertThat(island.path("name").asString()).isEqualTo("island");
		assertThat(island.path("datatype").asString()).isEqualTo("BYTES");
		assertThat(island.path("parameters").path("categories").asString())
			.isEqualTo("[\"Biscoe\",\"Dream\",\"Torgersen\"]");
		JsonNode bill = penguins.path("inputs").get(1);
		assertThat(bill.path("datatype").asString()).isEqualTo("FP64");
		assertThat(bill.path("parameters").path("missing_allowed").asBoolean()).isTrue();

		JsonNode mass = OipSpec.modelMetadata(this.client.get("/v2/models/" + OipModels.mass()));
		assertThat(mass.path("outputs").toString())
			.isEqualTo("[{\"name\":\"value\",\"datatype\":\"FP64\",\"shape\":[-1]}]");
	}

	@Test
	void unknownModelsVersionsAndAliasesAre404() {
		OipSpec.error(this.client.get("/v2/models/no-such-model"), 404);
		JsonNode version = OipSpec.error(this.client.get("/v2/models/" + iris() + "/versions/7"), 404);
		assertThat(version.path("error").asString()).contains("no version 7");
		OipSpec.error(this.client.postJson("/v2/models/no-such-model/infer", irisColumns(null)), 404);
		OipSpec.error(this.client.postJson("/v2/models/" + iris() + "/versions/7/infer", irisColumns(null)), 404);

		JsonNode notANumber = OipSpec.error(this.client.get("/v2/models/" + iris() + "/versions/latest"), 400);
		assertThat(notANumber.path("error").asString()).contains("'version'", "latest");
		OipSpec.error(this.client.get("/v2/models/" + iris() + "/explain"), 404);
	}

	// Inference

	@Test
	void inferenceAnswersTheLabelsScoresAndProvenance() {
		JsonNode response = OipSpec
			.inferenceResponse(this.client.postJson("/v2/models/" + iris() + "/infer", irisColumns("order-17")));

		assertThat(response.path("model_name").asString()).isEqualTo(iris());
		assertThat(response.path("model_version").asString()).isEqualTo("1");
		assertThat(response.path("id").asString()).isEqualTo("order-17");
		String sha = this.client.getJson("/api/v1/models/" + iris() + "/versions/1").path("bundleSha256").asString();
		assertThat(response.path("parameters").toString())
			.isEqualTo("{\"bundle_sha256\":\"" + sha + "\",\"alias\":\"production\"}");
		JsonNode label = output(response, "label");
		assertThat(label.path("datatype").asString()).isEqualTo("BYTES");
		assertThat(label.path("shape").toString()).isEqualTo("[2]");
		assertThat(label.path("data").toString()).isEqualTo("[\"setosa\",\"virginica\"]");
		JsonNode scores = output(response, "scores");
		assertThat(scores.path("shape").toString()).isEqualTo("[2,3]");
		assertThat(scores.path("data")).hasSize(6);

		JsonNode byVersion = OipSpec
			.inferenceResponse(this.client.postJson("/v2/models/" + iris() + "/versions/1/infer", irisColumns(null)));
		assertThat(byVersion.has("id")).isFalse();
		assertThat(byVersion.path("parameters").has("alias")).isFalse();
		assertThat(byVersion.path("outputs")).isEqualTo(response.path("outputs"));
	}

	@Test
	void requestedOutputsAreTheOnlyOnesAnswered() {
		String body = irisColumns("r").replace("}]}", "}], \"outputs\": [{\"name\": \"scores\", \"parameters\": "
				+ "{\"binary_data\": false}}], \"parameters\": {\"content_type\": \"pd\", \"anything\": 1}}");

		JsonNode response = OipSpec.inferenceResponse(this.client.postJson("/v2/models/" + iris() + "/infer", body));

		assertThat(response.path("outputs")).hasSize(1);
		assertThat(response.path("outputs").get(0).path("name").asString()).isEqualTo("scores");

		JsonNode unknown = OipSpec.error(this.client.postJson("/v2/models/" + iris() + "/infer",
				irisColumns("r").replace("}]}", "}], \"outputs\": [{\"name\": \"proba\"}]}")), 400);
		assertThat(unknown.path("error").asString()).contains("'proba'", "unknown-output", "[label, scores]");
	}

	@Test
	void regressionAnswersOneValuePerInstance() {
		String body = request(null, tensor("species", "BYTES", List.of(2L), "Gentoo", "Adelie"),
				tensor("sex", "BYTES", List.of(2L), "MALE", "FEMALE"),
				tensor("flipper_length_mm", "INT32", List.of(2L), 230, 185));

		JsonNode response = OipSpec
			.inferenceResponse(this.client.postJson("/v2/models/" + OipModels.mass() + "/infer", body));

		JsonNode value = output(response, "value");
		assertThat(value.path("datatype").asString()).isEqualTo("FP64");
		assertThat(value.path("shape").toString()).isEqualTo("[2]");
		assertThat(value.path("data").get(0).asDouble()).isGreaterThan(value.path("data").get(1).asDouble());
	}

	// Errors

	@Test
	void everyViolationIsInTheMessageAndListed() {
		String body = request(null, tensor("sepal_length", "FP64", List.of(2L), 5.1, "6.7"),
				tensor("sepal_width", "BYTES", List.of(2L), "3.5", "3.0"),
				tensor("petal_length", "FP64", List.of(3L), 1.4, 5.2),
				tensor("petal_witdh", "FP64", List.of(2L), 0.2, 2.3));

		JsonNode error = OipSpec.error(this.client.postJson("/v2/models/" + iris() + "/infer", body), 400);

		assertThat(error.path("violations")).hasSize(5);
		assertThat(error.path("error").asString())
			.startsWith("5 violation(s) of the inputs of " + iris() + " version 1: ")
			.contains("'sepal_length' at instance 1: wrong-type", "string \"6.7\"",
					"'sepal_width': wrong-datatype (expected FP64, FP32 or an integer datatype", "got BYTES",
					"'petal_length': shape-mismatch", "'petal_witdh': unexpected", "'petal_width': missing");
		assertThat(error.path("violations").get(0).toString()).isEqualTo("{\"instance\":1,\"feature\":\"sepal_length\","
				+ "\"problem\":\"wrong-type\",\"expected\":\"a JSON number (FP64)\",\"actual\":\"string \\\"6.7\\\"\"}");
	}

	@Test
	void badBodiesAre400AndTheWrongMediaType415() {
		String path = "/v2/models/" + iris() + "/infer";

		assertThat(OipSpec.error(this.client.postJson(path, "{\"inputs\": [}"), 400).path("error").asString())
			.startsWith("Not valid JSON");
		assertThat(OipSpec.error(this.client.postJson(path, "{\"inputs\": [], \"model\": \"x\"}"), 400)
			.path("error")
			.asString()).contains("Unknown property 'model'");
		OipSpec.error(this.client.postJson(path, "null"), 400);
		OipSpec.error(this.client.postJson(path, "{\"id\": 17, \"inputs\": []}"), 400);
		OipSpec.error(this.client.post(path, "text/plain", irisColumns(null)), 415);
		OipSpec.error(this.client.send(org.springframework.http.HttpMethod.PUT, path), 405);
	}

	@Test
	void aBatchOverTheLimitIs413() {
		Object[] values = new Object[51];
		java.util.Arrays.fill(values, 1.0);
		List<Long> shape = List.of(51L);
		String body = request(null, tensor("sepal_length", "FP64", shape, values),
				tensor("sepal_width", "FP64", shape, values), tensor("petal_length", "FP64", shape, values),
				tensor("petal_width", "FP64", shape, values));

		JsonNode error = OipSpec.error(this.client.postJson("/v2/models/" + iris() + "/infer", body), 413);

		assertThat(error.path("error").asString()).contains("51", "50");
	}

	// Keys and roles

	@Test
	void withoutAValidKeyEveryPathButHealthIs401() {
		ReproserveClient anonymous = this.client.withKey(null);
		for (String path : List.of("/v2", "/v2/models/" + iris(), "/v2/models/" + iris() + "/ready")) {
			Response refused = anonymous.get(path);
			assertThat(OipSpec.error(refused, 401).path("error").asString()).contains("API key");
			assertThat(refused.header("WWW-Authenticate")).hasValue("Bearer realm=\"reproserve\"");
		}
		OipSpec.error(anonymous.postJson("/v2/models/" + iris() + "/infer", irisColumns(null)), 401);
		Response invalid = this.client.withKey("rsk_not-a-key").get("/v2/health/live");
		OipSpec.error(invalid, 401);
		assertThat(invalid.header("WWW-Authenticate")).hasValueSatisfying((value) -> value.contains("invalid_token"));
	}

	@Test
	void predictKeysMayReadMetadataAndInferReadKeysOnlyRead() {
		String suffix = Long.toHexString(System.nanoTime());
		ReproserveClient predictor = this.client.as("oip-predict-" + suffix, "predict");
		ReproserveClient reader = this.client.as("oip-read-" + suffix, "read");

		for (ReproserveClient caller : List.of(predictor, reader)) {
			OipSpec.serverMetadata(caller.get("/v2"));
			OipSpec.modelMetadata(caller.get("/v2/models/" + iris()));
			OipSpec.modelMetadata(caller.get("/v2/models/" + iris() + "/versions/1"));
			OipSpec.health(caller.get("/v2/models/" + iris() + "/ready"), true);
			OipSpec.health(caller.get("/v2/models/" + iris() + "/versions/1/ready"), true);
		}
		OipSpec.inferenceResponse(predictor.postJson("/v2/models/" + iris() + "/infer", irisColumns(null)));
		JsonNode forbidden = OipSpec
			.error(reader.postJson("/v2/models/" + iris() + "/versions/1/infer", irisColumns(null)), 403);
		assertThat(forbidden.path("error").asString()).contains("oip-read-" + suffix, "[read]");
	}

}
