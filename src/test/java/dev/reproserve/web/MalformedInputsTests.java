package dev.reproserve.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.VersionSummary;
import dev.reproserve.support.RawHttp;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestKeys;
import dev.reproserve.support.TestModels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.problem;
import static dev.reproserve.support.ProblemAssert.problems;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Named examples of the bugs {@link FuzzedInputsTests} found, each once a 500 or an
 * answer without a problem body, so that each stays fixed whatever inputs the generator
 * happens to draw.
 */
@ReproserveTest
class MalformedInputsTests {

	private ReproserveClient client;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ModelRegistry registry;

	@LocalServerPort
	int port;

	@Autowired
	void client(RestTestClient rest) {
		this.client = new ReproserveClient(rest);
	}

	@Test
	void refusesACsvWithANulCharacterInItsHeaderAndStoresNothing() {
		long before = TestData.rows(this.jdbc, "dataset_snapshots");

		Response response = this.client.post("/api/v1/datasets", "text/csv", "a\u0000,b\n1,2\n");

		JsonNode problem = problem(response, 422, "invalid-dataset");
		assertThat(problems(problem)).singleElement().asString().contains("NUL", "line 1");
		assertThat(TestData.rows(this.jdbc, "dataset_snapshots")).isEqualTo(before);
	}

	@Test
	void refusesACsvInUtf16WithoutAByteOrderMark() {
		long before = TestData.rows(this.jdbc, "dataset_snapshots");

		Response response = this.client.post("/api/v1/datasets", "text/csv",
				"a,b\n1,2\n".getBytes(StandardCharsets.UTF_16BE));

		assertThat(problems(problem(response, 422, "invalid-dataset"))).singleElement().asString().contains("NUL");
		assertThat(TestData.rows(this.jdbc, "dataset_snapshots")).isEqualTo(before);
	}

	@Test
	void refusesADatasetNameWithANulCharacter() {
		long before = TestData.rows(this.jdbc, "dataset_snapshots");

		// Written as it is: a client library would encode the % of %00 again.
		Response response = RawHttp.send(this.port,
				"POST /api/v1/datasets?name=a%00b HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
						+ TestKeys.ADMIN + "\r\nContent-Type: text/csv\r\nContent-Length: 8\r\n"
						+ "Connection: close\r\n\r\na,b\n1,2\n");

		assertThat(problems(problem(response, 422, "invalid-dataset"))).singleElement().asString().contains("NUL");
		assertThat(TestData.rows(this.jdbc, "dataset_snapshots")).isEqualTo(before);
	}

	@Test
	void refusesAReferenceSourceWithANulCharacter() {
		long before = TestData.rows(this.jdbc, "dataset_snapshots");

		Response response = this.client.postJson("/api/v1/datasets", "{\"kind\": \"reference\", \"sha256\": \""
				+ "a".repeat(64) + "\", \"source\": \"warehouse\\u0000\", \"asOf\": \"2025-01-31T23:00:00Z\"}");

		assertThat(problems(problem(response, 422, "invalid-dataset"))).singleElement()
			.asString()
			.contains("'source'", "NUL");
		assertThat(TestData.rows(this.jdbc, "dataset_snapshots")).isEqualTo(before);
	}

	@Test
	void refusesAnAliasMoveWhoseReasonHoldsANulCharacter() {
		VersionSummary version = this.registry
			.register(TestData.uniqueModel("nul-reason"), TestModels.trainIris(11).bundle(), "tests")
			.version();
		long before = TestData.rows(this.jdbc, "alias_events");

		Response response = this.client.putJson("/api/v1/models/" + version.model() + "/aliases/production",
				"{\"version\": 1, \"reason\": \"because\\u0000\"}");

		assertThat(problems(problem(response, 422, "invalid-request"))).singleElement()
			.asString()
			.startsWith("reason ")
			.contains("NUL");
		assertThat(TestData.rows(this.jdbc, "alias_events")).isEqualTo(before);
	}

	@Test
	void refusesAKeyRevocationWhoseReasonHoldsANulCharacter() {
		String name = TestData.uniqueModel("nul-revoke");
		this.client.as(name, "read");
		long before = TestData.rows(this.jdbc, "api_key_events");

		Response response = RawHttp.send(this.port, "DELETE /api/v1/keys/" + name + "?reason=gone%00 HTTP/1.1\r\n"
				+ "Host: localhost\r\nAuthorization: Bearer " + TestKeys.ADMIN + "\r\nConnection: close\r\n\r\n");

		assertThat(problems(problem(response, 422, "invalid-key-request"))).singleElement()
			.asString()
			.contains("reason", "NUL");
		assertThat(TestData.rows(this.jdbc, "api_key_events")).isEqualTo(before);
		assertThat(this.client.getJson("/api/v1/keys/" + name).hasNonNull("revokedAt")).isFalse();
	}

	@Test
	void answersAnAcceptHeaderThatIsNoMediaTypeWithA406Problem() {
		VersionSummary version = this.registry
			.register(TestData.uniqueModel("bad-accept"), TestModels.trainIris(11).bundle(), "tests")
			.version();

		Response response = this.client.postJsonWithHeader("/api/v1/models/" + version.model() + "/versions/1/predict",
				"{\"instances\": [{\"sepal_width\": 3.5, \"petal_length\": 1.4, \"petal_width\": 0.2}]}", "Accept",
				"not a media type");

		JsonNode problem = problem(response, 406, "not-acceptable", "Not Acceptable");
		assertThat(problem.path("detail").asString()).contains("not a media type");
	}

	@Test
	void refusesAnInstanceThatOverflowsTheModelOnBothPredictPaths() {
		VersionSummary version = this.registry
			.register(TestData.uniqueModel("overflow"), TestModels.trainIris(11).bundle(), "tests")
			.version();
		String body = "{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 1.7976931348623157E308, "
				+ "\"petal_length\": 1.4, \"petal_width\": 0.2}, {\"sepal_length\": 5.1, \"sepal_width\": 3.5, "
				+ "\"petal_length\": 1.4, \"petal_width\": 0.2}]}";
		String path = "/api/v1/models/" + version.model() + "/versions/1/predict";

		// The short path, then the controller (a CORS request never takes the short one).
		for (Response response : java.util.List.of(this.client.postJson(path, body),
				this.client.postJsonWithHeader(path, body, "Origin", "https://example.org"))) {
			JsonNode problem = problem(response, 422, "prediction-not-finite",
					"The model cannot predict from these values");
			assertThat(problem.path("instances").toString()).isEqualTo("[0]");
			assertThat(problem.path("model").asString()).isEqualTo(version.model());
		}
	}

	@Test
	void refusesAMultipartBodyWithoutABoundaryWithA400() {
		long before = TestData.rows(this.jdbc, "dataset_snapshots");

		Response response = this.client.post("/api/v1/datasets", "multipart/form-data", "a,b\n1,2\n");

		problem(response, 400, "malformed-request", "Malformed request body");
		assertThat(TestData.rows(this.jdbc, "dataset_snapshots")).isEqualTo(before);
	}

	@Test
	void refusesAQueryParameterThatIsNotPercentEncodedUtf8WithA400() {
		Response response = RawHttp.send(this.port,
				"GET /api/v1/datasets?page=%zz HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestKeys.ADMIN
						+ "\r\nConnection: close\r\n\r\n");

		problem(response, 400, "invalid-parameter", "Invalid parameter");
	}

}
