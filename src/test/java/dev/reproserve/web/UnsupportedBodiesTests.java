package dev.reproserve.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.VersionSummary;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestModels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body of a media type the endpoint does not read is refused with 415, whose detail
 * names what it takes, before anything is read or stored: never taken for another type (a
 * JSON document read as CSV data), nor text in another charset read as UTF-8.
 */
@ReproserveTest
class UnsupportedBodiesTests {

	private ReproserveClient client;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ModelRegistry registry;

	@Autowired
	void client(RestTestClient rest) {
		this.client = new ReproserveClient(rest);
	}

	@Test
	void refusesAJsonBodySentForAReproductionInsteadOfReadingItAsCsv() {
		VersionSummary version = registerIris("reproduce-json");
		long before = TestData.rows(this.jdbc, "reproductions");

		Response response = this.client.postJson(ReproserveClient.reproductions(version.model(), 1),
				"{\"data\": \"sepal_length,species\\n5.1,setosa\"}");

		JsonNode problem = problem(response, 415, "unsupported-media-type", "Unsupported Media Type");
		assertThat(problem.path("detail").asString()).contains("application/json", "text/csv");
		assertThat(response.header("Accept")).hasValue("text/csv");
		assertThat(TestData.rows(this.jdbc, "reproductions")).isEqualTo(before);
	}

	@Test
	void refusesCsvInAnotherCharsetForAReproduction() {
		VersionSummary version = registerIris("reproduce-utf16");
		long before = TestData.rows(this.jdbc, "reproductions");

		Response response = this.client.post(ReproserveClient.reproductions(version.model(), 1),
				"text/csv;charset=UTF-16", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16));

		JsonNode problem = problem(response, 415, "unsupported-media-type");
		assertThat(problem.path("detail").asString()).contains("UTF-16", "UTF-8");
		assertThat(TestData.rows(this.jdbc, "reproductions")).isEqualTo(before);
	}

	@Test
	void refusesCsvInAnotherCharsetForADatasetAndStoresNothing() {
		long before = TestData.rows(this.jdbc, "dataset_snapshots");

		Response response = this.client.post("/api/v1/datasets", "text/csv;charset=ISO-8859-1",
				"name,city\n1,S\u00e3o Paulo\n".getBytes(StandardCharsets.ISO_8859_1));

		JsonNode problem = problem(response, 415, "unsupported-media-type");
		assertThat(problem.path("detail").asString()).contains("ISO-8859-1", "UTF-8");
		assertThat(TestData.rows(this.jdbc, "dataset_snapshots")).isEqualTo(before);
	}

	@Test
	void takesCsvThatSaysItIsUtf8() {
		Response response = this.client.post("/api/v1/datasets", "text/csv; charset=utf-8",
				TestData.shuffled(TestData.iris(), 4242));

		assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
	}

	@Test
	void refusesADatasetOfAnotherMediaTypeNamingTheOnesItTakes() {
		long before = TestData.rows(this.jdbc, "dataset_snapshots");

		Response response = this.client.post("/api/v1/datasets", "application/xml", "<rows/>");

		JsonNode problem = problem(response, 415, "unsupported-media-type");
		assertThat(problem.path("detail").asString()).contains("application/xml", "multipart/form-data", "text/csv",
				"application/json");
		assertThat(TestData.rows(this.jdbc, "dataset_snapshots")).isEqualTo(before);
	}

	@Test
	void refusesABundleSentAsJsonNamingTheTypesRegistrationTakes() {
		long before = TestData.rows(this.jdbc, "model_versions");

		Response response = this.client.postJson("/api/v1/models/" + TestData.uniqueModel("json-bundle") + "/versions",
				"{\"bundle\": \"UEsDBA==\"}");

		JsonNode problem = problem(response, 415, "unsupported-media-type");
		assertThat(problem.path("detail").asString()).contains("multipart/form-data", "application/octet-stream");
		assertThat(TestData.rows(this.jdbc, "model_versions")).isEqualTo(before);
	}

	@Test
	void refusesATrainingSentAsCsv() {
		long before = TestData.rows(this.jdbc, "training_jobs");

		Response response = this.client.post("/api/v1/trainings", "text/csv", TestData.iris());

		JsonNode problem = problem(response, 415, "unsupported-media-type");
		assertThat(problem.path("detail").asString()).contains("application/json", "multipart/form-data");
		assertThat(TestData.rows(this.jdbc, "training_jobs")).isEqualTo(before);
	}

	private VersionSummary registerIris(String prefix) {
		return this.registry.register(TestData.uniqueModel(prefix), TestModels.trainIris(11).bundle(), "tests")
			.version();
	}

}
