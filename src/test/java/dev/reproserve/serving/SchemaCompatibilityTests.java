package dev.reproserve.serving;

import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestModels;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.problem;
import static dev.reproserve.support.ReproserveClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alias moves only to a version that accepts every request the current one accepts,
 * unless the move says it knows; both outcomes are in the alias history.
 */
@ReproserveTest
public class SchemaCompatibilityTests {

	public static final String V1 = """
			[{"name": "island", "type": "categorical", "unseenCategory": "zeros"},
			 {"name": "bill_length_mm", "type": "numeric"},
			 {"name": "bill_depth_mm", "type": "numeric"},
			 {"name": "sex", "type": "categorical", "missing": "most-frequent"}]""";

	/**
	 * bill_depth_mm removed, body_mass_g required, island refuses unseen, sex required.
	 */
	private static final String V2 = """
			[{"name": "island", "type": "categorical"},
			 {"name": "bill_length_mm", "type": "numeric"},
			 {"name": "body_mass_g", "type": "numeric"},
			 {"name": "sex", "type": "categorical"}]""";

	/** As V1, with bill_length_mm optional and a new optional feature. */
	public static final String V3 = """
			[{"name": "island", "type": "categorical", "unseenCategory": "zeros"},
			 {"name": "bill_length_mm", "type": "numeric", "missing": "median"},
			 {"name": "bill_depth_mm", "type": "numeric"},
			 {"name": "sex", "type": "categorical", "missing": "most-frequent"},
			 {"name": "flipper_length_mm", "type": "numeric", "missing": "mean"}]""";

	@Autowired
	RestTestClient rest;

	public static String spec(String features) {
		return """
				{"formatVersion": 1, "task": "classification", "target": "species", "features": %s,
				 "trainer": {"type": "cart", "hyperparameters": {"maxDepth": 4}},
				 "seed": 3, "split": {"testFraction": 0.3, "seed": 5}}""".formatted(features);
	}

	private static Response move(ReproserveClient client, String model, String alias, int version, String extra) {
		return client.putJson("/api/v1/models/" + model + "/aliases/" + alias,
				"{\"version\": " + version + ", \"reason\": \"to " + version + "\"" + extra + "}");
	}

	@Test
	void anIncompatibleMoveIsRefusedWithEveryDifferenceAndGoesThroughOnlyWhenAllowed() {
		ReproserveClient client = new ReproserveClient(this.rest);
		byte[] csv = TestData.shuffled(TestModels.resource("datasets/penguins-complete.csv"), 7707);
		String dataset = client.upload(csv, "penguins-complete.csv").path("id").asString();
		String model = TestData.uniqueModel("compat");
		for (String features : new String[] { V1, V2, V3 }) {
			client.train(TestData.request(model, dataset, spec(features), "alice"));
		}
		assertThat(move(client, model, "production", 1, "").statusCode()).isEqualTo(200);

		JsonNode refused = problem(move(client, model, "production", 2, ""), 409, "incompatible-schema",
				"Incompatible schema");
		assertThat(refused.path("fromVersion").asInt()).isEqualTo(1);
		assertThat(refused.path("toVersion").asInt()).isEqualTo(2);
		assertThat(refused.path("problems")).hasSize(4);
		assertThat(refused.path("detail").asString()).contains("bill_depth_mm: removed",
				"body_mass_g: new and required", "sex: may no longer be missing",
				"island: refuses categories it does not know", "allowIncompatible");
		JsonNode changes = refused.path("differences");
		assertThat(changes.findValuesAsString("change")).containsExactlyInAnyOrder("removed", "added-required",
				"became-required", "unseen-refused");
		// Nothing moved, nothing recorded.
		assertThat(client.getJson("/api/v1/models/" + model + "/aliases/production").path("version").asInt())
			.isEqualTo(1);
		assertThat(client.getJson("/api/v1/models/" + model + "/history").path("items")).hasSize(1);

		Response forced = move(client, model, "production", 2, ", \"allowIncompatible\": true");
		assertThat(forced.statusCode()).as(forced.body()).isEqualTo(200);
		assertThat(json(forced).path("version").asInt()).isEqualTo(2);
		JsonNode event = client.getJson("/api/v1/models/" + model + "/history").path("items").get(0);
		assertThat(event.path("toVersion").asInt()).isEqualTo(2);
		assertThat(event.path("reason").asString()).isEqualTo("to 2");
		assertThat(event.path("compatibility").path("compatible").asBoolean()).isFalse();
		assertThat(event.path("compatibility").path("allowIncompatible").asBoolean()).isTrue();
		assertThat(event.path("compatibility").path("differences")).hasSize(4);

		// A compatible move (a feature became optional, a new optional one) passes and
		// records its report.
		assertThat(move(client, model, "staging", 1, "").statusCode()).isEqualTo(200);
		Response compatible = move(client, model, "staging", 3, "");
		assertThat(compatible.statusCode()).as(compatible.body()).isEqualTo(200);
		JsonNode report = client.getJson("/api/v1/models/" + model + "/history")
			.path("items")
			.get(0)
			.path("compatibility");
		assertThat(report.path("compatible").asBoolean()).isTrue();
		assertThat(report.has("allowIncompatible")).isFalse();
		assertThat(report.path("differences").findValuesAsString("change")).containsExactlyInAnyOrder("became-optional",
				"added-optional");
	}

}
