package dev.reproserve.training;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.support.JobGate;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ReproserveClient.accepted;
import static dev.reproserve.support.TestData.datasetId;
import static dev.reproserve.support.TestData.penguins;
import static dev.reproserve.support.TestData.penguinsSpec;
import static dev.reproserve.support.ProblemAssert.problem;
import static dev.reproserve.support.ProblemAssert.problems;
import static dev.reproserve.support.TestData.request;
import static dev.reproserve.support.TestData.uniqueModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Training jobs as a client sees them, over real HTTP against real PostgreSQL with real
 * Tribuo trainings on the penguins data (which has empty cells): everything checkable is
 * refused before a job exists, a job runs off the request thread to a registered version,
 * and reference snapshots train only from supplied data with their fingerprint.
 */
@ReproserveTest
class TrainingJobsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SMALL_LOGISTIC = "{\"epochs\": 5}";

	@Autowired
	RestTestClient rest;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobGate gate;

	@Autowired
	TrainingJobs jobs;

	private ReproserveClient client() {
		return new ReproserveClient(this.rest);
	}

	@Test
	void trainsFromAStoredSnapshotWithTransformationsAndServesTheVersion() {
		String alice = uniqueModel("alice");
		ReproserveClient client = client().as(alice, "admin");
		String dataset = client.upload(penguins(), "penguins.csv").path("id").asString();
		assertThat(dataset).isEqualTo(datasetId(penguins()));
		String model = uniqueModel("penguins");
		String spec = penguinsSpec("logistic-regression", SMALL_LOGISTIC);

		// The request names someone else: the key's name is what is recorded.
		Response response = client.submit(request(model, dataset, spec, "mallory"));

		JsonNode queued = accepted(response);
		assertThat(queued.path("modelName").asString()).isEqualTo(model);
		assertThat(queued.path("datasetId").asString()).isEqualTo(dataset);
		assertThat(queued.path("requestedBy").asString()).isEqualTo(alice);
		assertThat(queued.path("createdAt").asString()).isNotBlank();
		JsonNode job = client.awaitFinished(queued.path("id").asLong());
		assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
		assertThat(job.path("progress").asDouble()).isEqualTo(1.0);
		assertThat(job.path("stage").asString()).isEqualTo("registered version 1");
		assertThat(job.path("version").asInt()).isEqualTo(1);
		assertThat(job.path("bundleSha256").asString()).matches("[0-9a-f]{64}");
		assertThat(job.path("metrics").path("accuracy").asDouble()).isGreaterThan(0.8);
		assertThat(job.path("metrics").path("macroF1").isNumber()).isTrue();
		assertThat(job.path("failure").isMissingNode() || job.path("failure").isNull()).isTrue();
		assertThat(job.path("startedAt").asString()).isNotBlank();
		assertThat(job.path("finishedAt").asString()).isNotBlank();

		JsonNode version = client.getJson("/api/v1/models/" + model + "/versions/1");
		assertThat(version.path("bundleSha256").asString()).isEqualTo(job.path("bundleSha256").asString());
		assertThat(version.path("createdBy").asString()).isEqualTo(alice);
		JsonNode manifest = version.path("manifest");
		assertThat(manifest.path("trainingData").path("sha256").asString()).isEqualTo(dataset);
		assertThat(manifest.path("trainingData").path("rowCount").asInt()).isEqualTo(344);
		assertThat(manifest.path("trainingData").path("source").asString()).contains(dataset, "penguins.csv");
		assertThat(manifest.path("pipelineSpec")).isEqualTo(JSON.readTree(spec));
		assertThat(manifest.path("metrics")).isEqualTo(job.path("metrics"));
		JsonNode island = feature(manifest, "island");
		assertThat(island.path("categories").valueStream().map(JsonNode::asString)).containsExactly("Biscoe", "Dream",
				"Torgersen");
		assertThat(island.path("unseenCategory").asString()).isEqualTo("zeros");
		assertThat(island.path("missingAllowed").asBoolean()).isFalse();
		JsonNode bill = feature(manifest, "bill_length_mm");
		assertThat(bill.path("missingAllowed").asBoolean()).isTrue();
		assertThat(bill.path("imputation").path("strategy").asString()).isEqualTo("median");
		assertThat(bill.path("imputation").path("value").asDouble()).isBetween(40.0, 50.0);
		assertThat(bill.path("scaling").path("method").asString()).isEqualTo("standardize");
		assertThat(bill.path("scaling").path("offset").asDouble()).isBetween(40.0, 50.0);
		assertThat(bill.path("scaling").path("scale").asDouble()).isBetween(3.0, 8.0);
		JsonNode flipper = feature(manifest, "flipper_length_mm");
		assertThat(flipper.path("imputation").path("strategy").asString()).isEqualTo("mean");
		assertThat(flipper.path("scaling").path("method").asString()).isEqualTo("min-max");
		assertThat(flipper.path("scaling").path("offset").asDouble()).isCloseTo(172, within(3.0));
		JsonNode sex = feature(manifest, "sex");
		assertThat(sex.path("imputation").path("strategy").asString()).isEqualTo("most-frequent");
		assertThat(sex.path("imputation").path("value").asString()).isIn("FEMALE", "MALE");
		assertThat(sex.path("categories").valueStream().map(JsonNode::asString)).containsExactly("FEMALE", "MALE");
		assertThat(sex.path("unseenCategory").asString()).isEqualTo("reject");

		// A missing measurement is imputed, an island never seen reads as all zeros.
		Response predicted = client.postJson("/api/v1/models/" + model + "/versions/1/predict", """
				{"instances": [{"island": "Atlantis", "bill_depth_mm": 17.0, "flipper_length_mm": 190,
				                "sex": null},
				               {"island": "Biscoe", "bill_length_mm": 47.5, "bill_depth_mm": 15.0,
				                "flipper_length_mm": 217, "sex": "MALE"}]}""");
		assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
		JsonNode predictions = ReproserveClient.json(predicted).path("predictions");
		assertThat(predictions.size()).isEqualTo(2);
		assertThat(predictions.get(0).path("label").asString()).isIn("Adelie", "Chinstrap", "Gentoo");
		assertThat(predictions.get(1).path("label").asString()).isEqualTo("Gentoo");

		// sex has no zeros policy: a category it never had is refused.
		JsonNode refused = problem(client.postJson("/api/v1/models/" + model + "/versions/1/predict", """
				{"instances": [{"island": "Dream", "bill_length_mm": 46.0, "bill_depth_mm": 17.0,
				                "flipper_length_mm": 195, "sex": "UNKNOWN"}]}"""), 422, "schema-violation");
		assertThat(refused.path("violations")).singleElement().satisfies((violation) -> {
			assertThat(violation.path("feature").asString()).isEqualTo("sex");
			assertThat(violation.path("problem").asString()).isEqualTo("unknown-category");
		});
	}

	@Test
	void listsTheTrainersWithEachHyperparameterDescribed() {
		JsonNode trainers = client().getJson("/api/v1/trainers").path("trainers");

		assertThat(trainers.valueStream().map((t) -> t.path("name").asString())).containsExactly("logistic-regression",
				"cart", "linear-sgd", "random-forest", "xgboost");
		JsonNode forest = trainers.get(3);
		assertThat(forest.path("hyperparameters").path("numTrees").asInt()).isEqualTo(20);
		assertThat(forest.path("hyperparameterDetails").valueStream()).anySatisfy((h) -> {
			assertThat(h.path("name").asString()).isEqualTo("fractionFeaturesInSplit");
			assertThat(h.path("type").asString()).isEqualTo("number");
			assertThat(h.path("defaultValue").asDouble()).isEqualTo(0.5);
			assertThat(h.path("allowed").asString()).isEqualTo("in (0, 1) for a random forest");
			assertThat(h.path("description").asString()).isNotBlank();
		}).allSatisfy((h) -> assertThat(h.path("description").asString()).isNotBlank());
		assertThat(trainers.get(4).path("hyperparameterDetails").valueStream())
			.anySatisfy((h) -> assertThat(h.path("allowed").asString()).isEqualTo("from 1 to 64"));
	}

	@Test
	void answersTheJobAndListsJobsNewestFirst() {
		ReproserveClient client = client();
		String dataset = client.upload(penguins(), "penguins.csv").path("id").asString();
		String spec = penguinsSpec("cart", "{\"maxDepth\": 3}");
		long first = accepted(client.submit(request(uniqueModel("list"), dataset, spec, "bob"))).path("id").asLong();
		long second = accepted(client.submit(request(uniqueModel("list"), dataset, spec, "bob"))).path("id").asLong();

		JsonNode done = client.awaitFinished(second);
		assertThat(client.awaitFinished(first).path("status").asString()).isEqualTo("succeeded");

		assertThat(second).isGreaterThan(first);
		assertThat(client.getJson("/api/v1/trainings/" + second)).isEqualTo(done);
		JsonNode page = client.getJson("/api/v1/trainings?page=0&size=2");
		assertThat(page.path("items").valueStream().map((job) -> job.path("id").asLong())).containsExactly(second,
				first);
		assertThat(page.path("size").asInt()).isEqualTo(2);
		// Reproduction jobs share the table, not the list of trainings.
		assertThat(page.path("totalItems").asLong()).isEqualTo(
				this.jdbc.queryForObject("SELECT count(*) FROM training_jobs WHERE kind = 'training'", Long.class));
		JsonNode missing = problem(client.get("/api/v1/trainings/999999999"), 404, "training-job-not-found");
		assertThat(missing.path("jobId").asLong()).isEqualTo(999999999L);
		problem(client.get("/api/v1/trainings?size=0"), 400, "invalid-parameter");
	}

	static Stream<Arguments> invalidSpecs() {
		return Stream.of(
				Arguments.of("unknown column",
						penguinsSpec("cart", "{}").replace("\"sex\", \"type\"", "\"beak_colour\", \"type\""),
						"feature column 'beak_colour' is not in the data"),
				Arguments.of("target among the features",
						penguinsSpec("cart", "{}").replace("\"name\": \"sex\"", "\"name\": \"species\""),
						"the target 'species' cannot also be a feature"),
				Arguments.of("unknown trainer", penguinsSpec("gradient-magic", "{}"),
						"unknown trainer 'gradient-magic'"),
				Arguments.of("unknown hyperparameter", penguinsSpec("cart", "{\"epochs\": 3}"),
						"trainer 'cart' has no hyperparameter 'epochs'"),
				Arguments.of("hyperparameter of the wrong type", penguinsSpec("cart", "{\"maxDepth\": 2.5}"),
						"hyperparameter 'maxDepth' must be integer, got 2.5"),
				Arguments.of("categorical target for regression",
						penguinsSpec("cart", "{}").replace("\"classification\"", "\"regression\""),
						"column 'species' must hold finite numbers"),
				Arguments.of("classifier for regression",
						penguinsSpec("logistic-regression", "{}")
							.replace("\"classification\", \"target\": \"species\"",
									"\"regression\", \"target\": \"body_mass_g\"")
							.replace("{\"name\": \"sex\", \"type\": \"categorical\", \"missing\": \"most-frequent\"}",
									"{\"name\": \"species\", \"type\": \"categorical\"}"),
						"trainer 'logistic-regression' does not do regression"),
				Arguments.of("mean of a categorical feature",
						penguinsSpec("cart", "{}").replace("\"most-frequent\"", "\"mean\""),
						"feature 'sex' is categorical: missing 'mean' needs numbers"),
				Arguments.of("scaling a categorical feature",
						penguinsSpec("cart", "{}").replace("\"unseenCategory\": \"zeros\"", "\"scaling\": \"min-max\""),
						"feature 'island' is categorical: scaling applies to numeric features only"),
				Arguments.of("unseen categories of a numeric feature",
						penguinsSpec("cart", "{}").replace("\"scaling\": \"min-max\"", "\"unseenCategory\": \"zeros\""),
						"feature 'flipper_length_mm' is numeric: unseenCategory applies to categorical features only"),
				Arguments.of("constant without a fill value",
						penguinsSpec("cart", "{}").replace("\"missing\": \"mean\"", "\"missing\": \"constant\""),
						"feature 'flipper_length_mm': missing 'constant' needs a fillValue that is a finite number"),
				Arguments.of("empty cells without imputation",
						penguinsSpec("cart", "{}").replace(", \"missing\": \"most-frequent\"", ""),
						"column 'sex' has empty cells on lines"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidSpecs")
	void refusesAnInvalidSpecBeforeAnyJobExists(String what, String spec, String expected) {
		ReproserveClient client = client();
		String dataset = client.upload(penguins(), "penguins.csv").path("id").asString();
		long jobs = TestData.rows(this.jdbc, "training_jobs");

		JsonNode problem = problem(client.submit(request(uniqueModel("bad"), dataset, spec, "alice")), 422,
				"invalid-training-request");

		assertThat(problem.path("title").asString()).isEqualTo("Invalid training request");
		assertThat(problems(problem)).anySatisfy((line) -> assertThat(line).contains(expected));
		assertThat(problem.path("detail").asString()).contains(expected);
		assertThat(TestData.rows(this.jdbc, "training_jobs")).isEqualTo(jobs);
	}

	@Test
	void listsEveryProblemOfASpecAtOnce() {
		ReproserveClient client = client();
		String dataset = client.upload(penguins(), "penguins.csv").path("id").asString();
		long jobs = TestData.rows(this.jdbc, "training_jobs");
		String spec = """
				{"formatVersion": 1, "task": "classification", "target": "species",
				 "features": [{"name": "beak_colour", "type": "numeric"},
				              {"name": "species", "type": "categorical"},
				              {"name": "island", "type": "categorical", "missing": "median", "scaling": "standardize"},
				              {"name": "bill_length_mm", "type": "numeric", "unseenCategory": "zeros"}],
				 "trainer": {"type": "cart", "hyperparameters": {"epochs": 3, "maxDepth": 0}}, "seed": 1,
				 "split": {"testFraction": 1.5}}""";

		JsonNode problem = problem(client.submit(request(uniqueModel("bad"), dataset, spec, "alice")), 422,
				"invalid-training-request");

		assertThat(problems(problem)).hasSize(8)
			.anySatisfy((p) -> assertThat(p).contains("feature column 'beak_colour' is not in the data"))
			.anySatisfy((p) -> assertThat(p).contains("the target 'species' cannot also be a feature"))
			.anySatisfy((p) -> assertThat(p).contains("feature 'island' is categorical: missing 'median'"))
			.anySatisfy((p) -> assertThat(p).contains("feature 'island' is categorical: scaling"))
			.anySatisfy((p) -> assertThat(p).contains("feature 'bill_length_mm' is numeric: unseenCategory"))
			.anySatisfy((p) -> assertThat(p).contains("trainer 'cart' has no hyperparameter 'epochs'"))
			.anySatisfy((p) -> assertThat(p).contains("hyperparameter 'maxDepth' must be at least 1"))
			.anySatisfy((p) -> assertThat(p).contains("split.testFraction must be at least 0 and below 1"));
		assertThat(problem.path("detail").asString()).startsWith("8 problem(s)");
		assertThat(TestData.rows(this.jdbc, "training_jobs")).isEqualTo(jobs);
	}

	@Test
	void refusesRequestsThatCannotTrainBeforeAnyJobExists() {
		ReproserveClient client = client();
		String dataset = client.upload(penguins(), "penguins.csv").path("id").asString();
		String spec = penguinsSpec("cart", "{}");
		long jobs = TestData.rows(this.jdbc, "training_jobs");

		JsonNode name = problem(client.submit(request("no spaces allowed", dataset, spec, "a")), 422, "invalid-name");
		assertThat(name.path("detail").asString()).contains("no spaces allowed");
		String unknown = "0".repeat(64);
		JsonNode notFound = problem(client.submit(request(uniqueModel("m"), unknown, spec, "a")), 404,
				"dataset-not-found");
		assertThat(notFound.path("datasetId").asString()).isEqualTo(unknown);
		assertThat(problems(problem(client.submit("{\"modelName\": \"m\", \"datasetId\": \"" + dataset + "\"}"), 422,
				"invalid-training-request")))
			.singleElement()
			.asString()
			.contains("spec is required");
		assertThat(problems(problem(client.submit("{\"modelName\": \"m\", \"spec\": " + spec + "}"), 422,
				"invalid-training-request")))
			.singleElement()
			.asString()
			.contains("datasetId is required");
		problem(client.submit("{\"modelName\": \"m\", \"datasetId\": "), 400, "malformed-request");
		problem(client.submit(request(uniqueModel("m"), dataset, spec, "a").replace("\"actor\"", "\"acter\"")), 400,
				"malformed-request");

		assertThat(TestData.rows(this.jdbc, "training_jobs")).isEqualTo(jobs);
	}

	@Test
	void trainsFromAReferenceSnapshotOnlyWithItsData() {
		ReproserveClient client = client();
		// Rows in an order of this test's own: a reference snapshot no other test has.
		byte[] data = TestData.shuffled(penguins(), 101);
		String dataset = client.registerReference(data, "warehouse: SELECT * FROM penguins").path("id").asString();
		String model = uniqueModel("reference");
		String request = request(model, dataset, penguinsSpec("cart", "{\"maxDepth\": 4}"), "carol");
		long jobs = TestData.rows(this.jdbc, "training_jobs");

		JsonNode noData = problem(client.submit(request), 409, "dataset-has-no-data");
		assertThat(noData.path("datasetId").asString()).isEqualTo(dataset);
		JsonNode mismatch = problem(client.submitWithData(request, penguins()), 422, "dataset-mismatch");
		assertThat(mismatch.path("expectedSha256").asString()).isEqualTo(dataset);
		assertThat(mismatch.path("actualSha256").asString()).isEqualTo(datasetId(penguins()));
		problem(client.submitWithData(request.replace("\"modelName\"", "\"model\""), data), 400, "malformed-request");
		assertThat(TestData.rows(this.jdbc, "training_jobs")).isEqualTo(jobs);

		// The same table with Windows line endings is the same data.
		byte[] crlf = new String(data, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
		JsonNode job = client.trainWithData(request, crlf);

		assertThat(job.path("datasetId").asString()).isEqualTo(dataset);
		JsonNode manifest = client.getJson("/api/v1/models/" + model + "/versions/" + job.path("version").asInt())
			.path("manifest");
		assertThat(manifest.path("trainingData").path("sha256").asString()).isEqualTo(dataset);
		assertThat(manifest.path("trainingData").path("source").asString()).contains("warehouse");
		assertThat(this.jdbc.queryForObject("SELECT content IS NULL FROM dataset_snapshots WHERE id = ?", Boolean.class,
				dataset))
			.isTrue();
	}

	/**
	 * A job is marked failed under a running worker when its replica stops or is taken
	 * for dead; the worker's result must then be dropped, not registered.
	 */
	@Test
	void jobMarkedFailedWhileItTrainsRegistersNothing() {
		ReproserveClient client = client();
		String dataset = client.upload(penguins(), "penguins.csv").path("id").asString();
		String model = uniqueModel("interrupted");
		long job;
		try (JobGate.Held held = this.gate.hold(model)) {
			job = accepted(client.submit(request(model, dataset, penguinsSpec("cart", "{}"), "a"))).path("id").asLong();
			await().atMost(ReproserveClient.JOB_TIMEOUT)
				.until(() -> client.getJson("/api/v1/trainings/" + job).path("status").asString(), "running"::equals);

			assertThat(this.jdbc.update("UPDATE training_jobs SET status = 'failed', stage = 'failed', failure ="
					+ " '{\"type\": \"https://reproserve.dev/problems/training-interrupted\", \"title\": \"Training"
					+ " interrupted\", \"detail\": \"taken for dead\", \"problems\": []}'::jsonb, finished_at = now()"
					+ " WHERE id = ? AND status = 'running'", job))
				.isEqualTo(1);
		}
		// The worker trains on once let go, then finds the job failed.
		this.jobs.awaitFinished(job);

		JsonNode view = client.getJson("/api/v1/trainings/" + job);
		assertThat(view.path("status").asString()).isEqualTo("failed");
		assertThat(view.path("failure").path("detail").asString()).isEqualTo("taken for dead");
		assertThat(view.path("version").isNull()).isTrue();
		problem(client.get("/api/v1/models/" + model), 404, "model-not-found");
	}

	private static JsonNode feature(JsonNode manifest, String name) {
		return manifest.path("inputSchema")
			.path("features")
			.valueStream()
			.filter((f) -> f.path("name").asString().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
