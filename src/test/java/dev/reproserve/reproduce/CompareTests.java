package dev.reproserve.reproduce;

import dev.reproserve.serving.SchemaCompatibilityTests;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestModels;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two versions compared: their records side by side and each model on the other's golden
 * inputs.
 */
@ReproserveTest
public class CompareTests {

	@Autowired
	RestTestClient rest;

	/**
	 * Version 1: CART on {@link SchemaCompatibilityTests#V1}; version 2: the same with
	 * another trainer seed (4) and maxDepth 2; version 3: CART on
	 * {@link SchemaCompatibilityTests#V3} (one feature became optional, one optional
	 * feature added).
	 */
	public static void trainThreeVersions(ReproserveClient client, String model, String dataset) {
		String v1 = SchemaCompatibilityTests.spec(SchemaCompatibilityTests.V1);
		client.train(TestData.request(model, dataset, v1, "alice"));
		client.train(TestData.request(model, dataset,
				v1.replace("\"seed\": 3,", "\"seed\": 4,").replace("\"maxDepth\": 4", "\"maxDepth\": 2"), "alice"));
		client.train(
				TestData.request(model, dataset, SchemaCompatibilityTests.spec(SchemaCompatibilityTests.V3), "alice"));
	}

	@Test
	void twoVersionsAreComparedRecordByRecordAndOnEachOthersGoldenInputs() {
		ReproserveClient client = new ReproserveClient(this.rest);
		byte[] csv = TestData.shuffled(TestModels.resource("datasets/penguins-complete.csv"), 8808);
		String dataset = client.upload(csv, "penguins-complete.csv").path("id").asString();
		String model = TestData.uniqueModel("compare");
		trainThreeVersions(client, model, dataset);
		String path = "/api/v1/models/" + model + "/versions/compare";

		JsonNode same = client.getJson(path + "?from=1&to=1");
		assertThat(same.path("sameModel").asBoolean()).isTrue();
		assertThat(same.path("differences").isEmpty()).as(same.toString()).isTrue();
		assertThat(same.path("golden").path("v1OnGoldenOfv1").path("compared").asInt()).isEqualTo(12);
		assertThat(same.path("golden").path("v1OnGoldenOfv1").path("differing").asInt()).isZero();

		JsonNode seeds = client.getJson(path + "?from=1&to=2");
		assertThat(seeds.path("from").path("version").asInt()).isEqualTo(1);
		assertThat(seeds.path("to").path("version").asInt()).isEqualTo(2);
		assertThat(seeds.path("sameModel").asBoolean()).isFalse();
		assertThat(seeds.path("schema").path("compatible").asBoolean()).isTrue();
		assertThat(seeds.path("schema").path("differences")).isEmpty();
		JsonNode differences = seeds.path("differences");
		assertThat(differences.path("seeds").path("trainer").path("v1").asInt()).isEqualTo(3);
		assertThat(differences.path("seeds").path("trainer").path("v2").asInt()).isEqualTo(4);
		assertThat(differences.path("hyperparameters").path("maxDepth").path("v2").asInt()).isEqualTo(2);
		assertThat(differences.has("trainingData")).isFalse();
		assertThat(differences.has("pipeline")).isFalse();
		JsonNode cross = seeds.path("golden").path("v2OnGoldenOfv1");
		assertThat(cross.path("compared").asInt()).isEqualTo(12);
		assertThat(cross.path("notComparable").asInt()).isZero();
		assertThat(cross.path("examples").size()).isEqualTo(Math.min(10, cross.path("differing").asInt()));

		JsonNode schema = client.getJson(path + "?from=1&to=3");
		assertThat(schema.path("schema").path("differences").findValuesAsString("change"))
			.containsExactlyInAnyOrder("became-optional", "added-optional");
		assertThat(schema.path("differences").path("pipeline").has("bill_length_mm")).isTrue();
		// Version 3's golden inputs carry a feature version 1 does not have.
		JsonNode back = schema.path("golden").path("v1OnGoldenOfv3");
		assertThat(back.path("compared").asInt()).isZero();
		assertThat(back.path("notComparable").asInt()).isEqualTo(12);
		assertThat(back.path("refused").get(0).path("why").asString()).contains("flipper_length_mm");
		assertThat(schema.path("golden").path("v3OnGoldenOfv1").path("compared").asInt()).isEqualTo(12);

		problem(client.get(path + "?from=1&to=9"), 404, "version-not-found", "Version not found");
		for (String bad : new String[] { "?from=1", "?from=one&to=2" }) {
			dev.reproserve.support.Response refused = client.get(path + bad);
			assertThat(refused.statusCode()).as(bad).isEqualTo(400);
			assertThat(refused.mediaType()).hasToString("application/problem+json");
		}
	}

}
