package dev.reproserve.oip;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import dev.reproserve.support.Response;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shapes of the Open Inference Protocol's REST answers, as its published
 * specification (KServe's {@code required_api.md} and the
 * {@code open_inference_rest.yaml} of the open-inference-protocol repository) defines
 * them, checked on what the service answered: the required members and their JSON types,
 * a datatype from the protocol's table, data that holds as many elements as the shape
 * says, parameters whose values are strings, numbers or booleans, health answers that are
 * a status with an empty body, and errors that are {@code {"error": $string}} (with
 * Reproserve's {@code violations} beside it).
 */
final class OipSpec {

	/** The protocol's tensor datatypes ("Tensor Data Types"). */
	static final Set<String> DATATYPES = Set.of("BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32",
			"INT64", "FP16", "FP32", "FP64", "BYTES");

	private OipSpec() {
	}

	/** A health answer: 200 for true, a 4xx for false, and an empty body. */
	static void health(Response response, boolean expected) {
		if (expected) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
		else {
			assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
		}
		assertThat(response.bytes()).as("health body").isEmpty();
	}

	/** {@code $metadata_server_response}. */
	static JsonNode serverMetadata(Response response) {
		JsonNode body = ok(response);
		string(body, "name");
		string(body, "version");
		assertThat(body.path("extensions").isArray()).as("extensions").isTrue();
		body.path("extensions").forEach((extension) -> assertThat(extension.isString()).isTrue());
		return body;
	}

	/** {@code $metadata_model_response}. */
	static JsonNode modelMetadata(Response response) {
		JsonNode body = ok(response);
		string(body, "name");
		string(body, "platform");
		if (body.has("versions")) {
			assertThat(body.get("versions").isArray()).isTrue();
			body.get("versions").forEach((version) -> assertThat(version.isString()).isTrue());
		}
		for (String tensors : List.of("inputs", "outputs")) {
			if (body.has(tensors)) {
				assertThat(body.get(tensors).isArray()).as(tensors).isTrue();
				body.get(tensors).forEach(OipSpec::metadataTensor);
			}
		}
		parameters(body);
		return body;
	}

	private static void metadataTensor(JsonNode tensor) {
		string(tensor, "name");
		assertThat(DATATYPES).as("datatype of %s", tensor).contains(string(tensor, "datatype"));
		assertThat(tensor.path("shape").isArray()).isTrue();
		tensor.path("shape").forEach((dimension) -> {
			assertThat(dimension.isIntegralNumber()).isTrue();
			assertThat(dimension.asLong()).as("a dimension, -1 where variable").isGreaterThanOrEqualTo(-1);
		});
		parameters(tensor);
	}

	/** {@code $inference_response}. */
	static JsonNode inferenceResponse(Response response) {
		JsonNode body = ok(response);
		string(body, "model_name");
		if (body.has("model_version")) {
			string(body, "model_version");
		}
		if (body.has("id")) {
			string(body, "id");
		}
		parameters(body);
		assertThat(body.path("outputs").isArray()).as("outputs").isTrue();
		body.path("outputs").forEach(OipSpec::responseOutput);
		return body;
	}

	private static void responseOutput(JsonNode output) {
		string(output, "name");
		String datatype = string(output, "datatype");
		assertThat(DATATYPES).contains(datatype);
		long size = 1;
		assertThat(output.path("shape").isArray()).isTrue();
		for (JsonNode dimension : output.path("shape")) {
			assertThat(dimension.isIntegralNumber()).isTrue();
			assertThat(dimension.asLong()).as("an output's dimension").isNotNegative();
			size *= dimension.asLong();
		}
		assertThat(output.path("data").isArray()).as("data").isTrue();
		List<JsonNode> elements = new ArrayList<>();
		flatten(output.path("data"), elements);
		assertThat(elements).as("data of %s against its shape", output.path("name")).hasSize((int) size);
		for (JsonNode element : elements) {
			if (datatype.equals("BYTES")) {
				assertThat(element.isString()).as("a BYTES element").isTrue();
			}
			else if (datatype.equals("BOOL")) {
				assertThat(element.isBoolean()).isTrue();
			}
			else {
				assertThat(element.isNumber()).as("a %s element", datatype).isTrue();
			}
		}
		parameters(output);
	}

	/**
	 * {@code $inference_error_response} and its siblings: a JSON object whose member
	 * {@code error} is a string, and the given status.
	 */
	static JsonNode error(Response response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.mediaType()).as("content type of %s", response.body())
			.isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(response.body()).doesNotContain("Exception", "dev.reproserve", "java.", "tools.jackson",
				"org.springframework", "\tat ");
		JsonNode body = response.json();
		assertThat(body.path("error").isString()).as(response.body()).isTrue();
		assertThat(body.path("error").asString()).isNotBlank();
		assertThat(body.propertyNames()).isSubsetOf("error", "violations");
		return body;
	}

	private static JsonNode ok(Response response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.mediaType()).isEqualTo(MediaType.APPLICATION_JSON);
		JsonNode body = response.json();
		assertThat(body.isObject()).isTrue();
		return body;
	}

	/** {@code $parameters}: an object of strings, numbers and booleans. */
	private static void parameters(JsonNode holder) {
		if (!holder.has("parameters")) {
			return;
		}
		JsonNode parameters = holder.get("parameters");
		assertThat(parameters.isObject()).as("parameters").isTrue();
		parameters.properties()
			.forEach((parameter) -> assertThat(parameter.getValue().isString() || parameter.getValue().isNumber()
					|| parameter.getValue().isBoolean())
				.as("parameter %s", parameter.getKey())
				.isTrue());
	}

	private static String string(JsonNode holder, String member) {
		assertThat(holder.path(member).isString()).as("%s of %s", member, holder).isTrue();
		return holder.path(member).asString();
	}

	private static void flatten(JsonNode data, List<JsonNode> into) {
		for (JsonNode element : data) {
			if (element.isArray()) {
				flatten(element, into);
			}
			else {
				into.add(element);
			}
		}
	}

}
