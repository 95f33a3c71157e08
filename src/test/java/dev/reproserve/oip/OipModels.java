package dev.reproserve.oip;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestModels;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The models the protocol's tests ask, trained once for all of them through the API and
 * each pointed at by {@code production}: iris (four numeric features, three classes),
 * penguins (categorical and numeric features, some with imputation) and a regression of a
 * penguin's body mass. Also the request bodies the tests send.
 */
final class OipModels {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String PENGUINS_MASS_SPEC = """
			{"formatVersion": 1, "task": "regression", "target": "body_mass_g",
			 "features": [{"name": "species", "type": "categorical"}, {"name": "sex", "type": "categorical"},
			              {"name": "flipper_length_mm", "type": "numeric"}],
			 "trainer": {"type": "linear-sgd", "hyperparameters": {"epochs": 10}}, "seed": 5}
			""";

	private static String iris;

	private static String penguins;

	private static String mass;

	private OipModels() {
	}

	static synchronized void train(ReproserveClient client) {
		if (iris != null) {
			return;
		}
		iris = trained(client, "oip-iris", TestData.iris(), TestData.irisSpec());
		penguins = trained(client, "oip-penguins", TestData.penguins(), TestData.penguinsSpec("cart", "{}"));
		mass = trained(client, "oip-mass", TestModels.resource("datasets/penguins-complete.csv"), PENGUINS_MASS_SPEC);
	}

	static String iris() {
		return iris;
	}

	static String penguins() {
		return penguins;
	}

	static String mass() {
		return mass;
	}

	private static String trained(ReproserveClient client, String prefix, byte[] csv, String spec) {
		String model = TestData.uniqueModel(prefix);
		String datasetId = client.upload(csv, prefix + ".csv").path("id").asString();
		client.train(TestData.request(model, datasetId, spec, "tests"));
		Response moved = client.putJson("/api/v1/models/" + model + "/aliases/production",
				"{\"version\": 1, \"reason\": \"first release\"}");
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
		return model;
	}

	// Request bodies

	/** An input tensor; {@code data} flat or nested, as given. */
	static ObjectNode tensor(String name, String datatype, List<Long> shape, Object... data) {
		ObjectNode tensor = JSON.createObjectNode();
		tensor.put("name", name);
		ArrayNode dimensions = tensor.putArray("shape");
		shape.forEach(dimensions::add);
		tensor.put("datatype", datatype);
		tensor.set("data", JSON.valueToTree(java.util.Arrays.asList(data)));
		return tensor;
	}

	/** A request of these inputs, with an id where one is given. */
	static String request(String id, JsonNode... inputs) {
		ObjectNode request = JSON.createObjectNode();
		if (id != null) {
			request.put("id", id);
		}
		ArrayNode array = request.putArray("inputs");
		for (JsonNode input : inputs) {
			array.add(input);
		}
		return JSON.writeValueAsString(request);
	}

	/** The two iris flowers of README's tour, as one FP64 tensor per feature. */
	static String irisColumns(String id) {
		return request(id, tensor("sepal_length", "FP64", List.of(2L), 5.1, 6.7),
				tensor("sepal_width", "FP64", List.of(2L), 3.5, 3.0),
				tensor("petal_length", "FP64", List.of(2L), 1.4, 5.2),
				tensor("petal_width", "FP64", List.of(2L), 0.2, 2.3));
	}

	/** The same two flowers for /api/v1 predict. */
	static final String IRIS_INSTANCES = """
			{"instances": [
			  {"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2},
			  {"sepal_length": 6.7, "sepal_width": 3.0, "petal_length": 5.2, "petal_width": 2.3}]}
			""";

	/** The elements of an output's data, flattened. */
	static List<JsonNode> data(JsonNode output) {
		List<JsonNode> elements = new ArrayList<>();
		output.path("data").forEach(elements::add);
		return elements;
	}

	/** The output of this name in an inference response. */
	static JsonNode output(JsonNode response, String name) {
		for (JsonNode output : response.path("outputs")) {
			if (output.path("name").asString().equals(name)) {
				return output;
			}
		}
		throw new AssertionError("no output " + name + " in " + response);
	}

}
