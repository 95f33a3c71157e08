package dev.reproserve.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.TestKeys;
import dev.reproserve.support.TestModels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edges of the HTTP API that once surprised a careful user, each pinned with the answer
 * chosen: JSON is the only representation of a success, a problem is always problem+json,
 * a string member takes a string and nothing else, and a 415 for a body without
 * {@code Content-Type} says that the header is missing.
 */
@ReproserveTest
class ApiEdgesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SETOSA = "{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, "
			+ "\"petal_width\": 0.2}";

	private static byte[] irisBundle;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ModelRegistry registry;

	private String model;

	@BeforeEach
	void registerIris() {
		synchronized (ApiEdgesTests.class) {
			if (irisBundle == null) {
				irisBundle = TestModels.trainIris(11).bundle();
			}
		}
		this.model = "edges-" + UUID.randomUUID().toString().substring(0, 8);
		this.registry.register(this.model, irisBundle, "tests");
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/yaml", "application/x-yaml", "text/yaml", "application/xml", "text/html" })
	void answersAPredictionInJsonOnlyAndRefusesOtherTypesWith406(String accept) throws Exception {
		HttpResponse<String> byVersion = post(versionPath(), "application/json", accept, predictBody("\"a\""));
		HttpResponse<String> list = get("/api/v1/models/" + this.model + "/versions", accept);

		for (HttpResponse<String> answer : java.util.List.of(byVersion, list)) {
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(406);
			assertThat(contentType(answer)).isEqualTo("application/problem+json");
			JsonNode problem = JSON.readTree(answer.body());
			assertThat(problem.path("type").asString()).isEqualTo("https://reproserve.dev/problems/not-acceptable");
			assertThat(problem.path("detail").asString()).contains("application/json").doesNotContain("yaml");
		}
	}

	@Test
	void labelsASuccessAsJsonEvenWhenTheClientAsksForProblems() throws Exception {
		HttpResponse<String> success = post(versionPath(), "application/json", "application/problem+json",
				predictBody("\"a\""));
		HttpResponse<String> refusal = post(versionPath(), "application/json", "application/problem+json",
				"{\"instances\": [{\"sepal_length\": 5.1}]}");
		HttpResponse<String> both = post(versionPath(), "application/json",
				"application/problem+json, application/json", predictBody("\"a\""));

		assertThat(success.statusCode()).as(success.body()).isEqualTo(200);
		assertThat(contentType(success)).isEqualTo("application/json");
		assertThat(JSON.readTree(success.body()).path("predictions").get(0).path("label").asString())
			.isEqualTo("setosa");
		assertThat(refusal.statusCode()).isEqualTo(422);
		assertThat(contentType(refusal)).isEqualTo("application/problem+json");
		assertThat(both.statusCode()).isEqualTo(200);
		assertThat(contentType(both)).isEqualTo("application/json");
	}

	@ParameterizedTest
	@ValueSource(strings = { "7", "7.5", "true" })
	void refusesAnIdThatIsNotAString(String id) throws Exception {
		HttpResponse<String> byVersion = post(versionPath(), "application/json", null, predictBody(id));
		HttpResponse<String> byAlias = post("/api/v1/models/" + this.model + "/aliases/none/predict",
				"application/json", null, predictBody(id));

		for (HttpResponse<String> answer : java.util.List.of(byVersion, byAlias)) {
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
			assertThat(contentType(answer)).isEqualTo("application/problem+json");
			JsonNode problem = JSON.readTree(answer.body());
			assertThat(problem.path("type").asString()).isEqualTo("https://reproserve.dev/problems/malformed-request");
			assertThat(problem.path("detail").asString()).contains("'id'").contains("string");
		}
	}

	@Test
	void refusesAnInferenceIdThatIsNotAString() throws Exception {
		String tensors = "\"inputs\": [" + tensor("sepal_length", 5.1) + ", " + tensor("sepal_width", 3.5) + ", "
				+ tensor("petal_length", 1.4) + ", " + tensor("petal_width", 0.2) + "]";

		HttpResponse<String> numeric = post("/v2/models/" + this.model + "/versions/1/infer", "application/json", null,
				"{\"id\": 7, " + tensors + "}");
		HttpResponse<String> text = post("/v2/models/" + this.model + "/versions/1/infer", "application/json", null,
				"{\"id\": \"7\", " + tensors + "}");

		assertThat(numeric.statusCode()).as(numeric.body()).isEqualTo(400);
		assertThat(JSON.readTree(numeric.body()).path("error").asString()).contains("'id'").contains("string");
		assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
		assertThat(JSON.readTree(text.body()).path("id").asString()).isEqualTo("7");
	}

	@Test
	void saysThatTheContentTypeHeaderIsMissing() throws Exception {
		HttpResponse<String> answer = post(versionPath(), null, null, predictBody("\"a\""));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(415);
		assertThat(contentType(answer)).isEqualTo("application/problem+json");
		JsonNode problem = JSON.readTree(answer.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://reproserve.dev/problems/unsupported-media-type");
		assertThat(problem.path("detail").asString())
			.isEqualTo("The request has no Content-Type header; send the body with Content-Type: application/json.")
			.doesNotContain("null");
	}

	private String versionPath() {
		return "/api/v1/models/" + this.model + "/versions/1/predict";
	}

	private static String predictBody(String id) {
		return "{\"id\": " + id + ", \"instances\": [" + SETOSA + "]}";
	}

	private static String tensor(String name, double value) {
		return "{\"name\": \"" + name + "\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [" + value + "]}";
	}

	private HttpResponse<String> post(String path, @Nullable String contentType, @Nullable String accept, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path, accept).POST(HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
		return this.http.send(request(path, accept).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, @Nullable String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer " + TestKeys.ADMIN);
		if (accept != null) {
			request.header("Accept", accept);
		}
		return request;
	}

	private static String contentType(HttpResponse<String> answer) {
		return answer.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "");
	}

}
