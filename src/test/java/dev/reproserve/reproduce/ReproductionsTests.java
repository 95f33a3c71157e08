package dev.reproserve.reproduce;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.DataFingerprint;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.Sha256;
import dev.reproserve.datasets.CsvTable;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.support.JobGate;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.TestModels;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestKeys;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainedModel;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.TrainingService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ReproserveClient.created;
import static dev.reproserve.support.TestData.datasetId;
import static dev.reproserve.support.TestData.iris;
import static dev.reproserve.support.TestData.irisSpec;
import static dev.reproserve.support.TestData.penguins;
import static dev.reproserve.support.TestData.penguinsSpec;
import static dev.reproserve.support.ProblemAssert.problem;
import static dev.reproserve.support.ReproserveClient.reproductions;
import static dev.reproserve.support.TestData.request;
import static dev.reproserve.support.TestData.uniqueModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding versions from what their manifests record, over real HTTP against real
 * PostgreSQL with real Tribuo trainings: versions trained by jobs from snapshots
 * reproduce to the bit, tampered data and foreign bundles get the verdict they deserve,
 * every verdict is kept, append-only, and each reproduction runs as a job whose URL says
 * where it stands.
 */
@ReproserveTest
class ReproductionsTests {

	@Autowired
	RestTestClient rest;

	/**
	 * For the one request no HTTP client sends: a body shorter than its declared length.
	 */
	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TrainingService training;

	@Autowired
	ModelRegistry registry;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Autowired
	JobGate gate;

	@Autowired
	ReproductionJobs jobs;

	private ReproserveClient client() {
		return new ReproserveClient(this.rest);
	}

	@Test
	void logisticRegressionOnIrisTrainedByAJobReproducesIdentical() {
		ReproserveClient client = client();
		String dataset = client.upload(iris(), "iris.csv").path("id").asString();
		String model = uniqueModel("iris");
		int version = client.train(request(model, dataset, irisSpec(), "alice")).path("version").asInt();
		String fingerprint = client.getJson("/api/v1/models/" + model + "/versions/" + version)
			.path("modelFingerprint")
			.asString();

		JsonNode reproduction = client.reproduced(model, version);

		assertThat(reproduction.path("verdict").asString()).isEqualTo("identical");
		assertThat(reproduction.path("model").asString()).isEqualTo(model);
		assertThat(reproduction.path("version").asInt()).isEqualTo(version);
		assertThat(reproduction.path("recordedFingerprint").asString()).isEqualTo(fingerprint);
		assertThat(reproduction.path("reproducedFingerprint").asString()).isEqualTo(fingerprint);
		assertThat(reproduction.path("reason").asString()).contains(fingerprint);
		assertThat(reproduction.path("differences").propertyNames()).doesNotContain("modelFingerprint", "outputs",
				"dataFingerprint", "hyperparameters", "pipeline");
		assertThat(reproduction.path("requestedBy").asString()).isEqualTo("admin");
		assertThat(reproduction.path("reportedBy").asString()).isNotBlank();
		assertThat(reproduction.path("durationMillis").asLong()).isNotNegative();
		assertThat(reproduction.path("at").asString()).isNotBlank();
		assertLatestVerdict(client, model, version, reproduction);
	}

	@Test
	void cartOnPenguinsWithTransformationsTrainedByAJobReproducesIdentical() {
		ReproserveClient client = client();
		String dataset = client.upload(penguins(), "penguins.csv").path("id").asString();
		String model = uniqueModel("penguins");
		String spec = penguinsSpec("cart", "{\"maxDepth\": 5, \"fractionFeaturesInSplit\": 0.6}");
		int version = client.train(request(model, dataset, spec, "alice")).path("version").asInt();

		JsonNode reproduction = client.reproduced(model, version);

		assertThat(reproduction.path("verdict").asString()).as(reproduction.toString()).isEqualTo("identical");
		assertThat(reproduction.path("reproducedFingerprint").asString())
			.isEqualTo(reproduction.path("recordedFingerprint").asString());
		assertThat(reproduction.path("differences").propertyNames()).doesNotContain("modelFingerprint", "outputs",
				"dataFingerprint", "pipeline");
		assertLatestVerdict(client, model, version, reproduction);
	}

	@Test
	void tamperedSnapshotDataGivesADifferentModelAndSaysWhatChanged() {
		ReproserveClient client = client();
		byte[] data = TestData.shuffled(iris(), 102);
		String dataset = client.upload(data, "iris-shuffled.csv").path("id").asString();
		String model = uniqueModel("tampered");
		int version = client.train(request(model, dataset, irisSpec(), "alice")).path("version").asInt();
		// The same rows with two species swapped: readable CSV, other data.
		String canonical = new String(CsvTable.parse(data).canonicalBytes(), StandardCharsets.UTF_8);
		byte[] altered = canonical.replace("setosa", "tmp")
			.replace("virginica", "setosa")
			.replace("tmp", "virginica")
			.getBytes(StandardCharsets.UTF_8);
		TestData.replaceSnapshotContent(this.jdbc, dataset, TestData.gzip(altered));

		JsonNode reproduction = client.reproduced(model, version);

		assertThat(reproduction.path("verdict").asString()).as(reproduction.toString()).isEqualTo("different");
		JsonNode differences = reproduction.path("differences");
		assertThat(differences.path("dataFingerprint").path("recorded").asString()).isEqualTo(dataset);
		assertThat(differences.path("dataFingerprint").path("actual").asString()).isEqualTo(Sha256.hex(altered));
		assertThat(differences.path("modelFingerprint").path("recorded").asString())
			.isEqualTo(reproduction.path("recordedFingerprint").asString());
		assertThat(differences.path("modelFingerprint").path("reproduced").asString())
			.isEqualTo(reproduction.path("reproducedFingerprint").asString())
			.isNotEqualTo(reproduction.path("recordedFingerprint").asString());
		JsonNode outputs = differences.path("outputs");
		assertThat(outputs.path("compared").asInt()).isEqualTo(12 + 45);
		assertThat(outputs.path("differing").asInt()).isPositive();
		assertThat(outputs.path("examples").size()).isBetween(1, 10);
		JsonNode example = outputs.path("examples").get(0);
		assertThat(example.path("set").asString()).isIn("golden", "test");
		assertThat(example.path("input").path("petal_length").isNumber()).isTrue();
		// A label, or at least a score, differs.
		assertThat(example.path("recorded")).isNotEqualTo(example.path("reproduced"));
		assertThat(reproduction.path("reason").asString())
			.contains(outputs.path("differing").asInt() + " of " + outputs.path("compared").asInt());
		assertLatestVerdict(client, model, version, reproduction);

		// Training refuses the altered data outright, before any job exists.
		long jobs = TestData.rows(this.jdbc, "training_jobs");
		JsonNode refused = problem(client.submit(request(uniqueModel("again"), dataset, irisSpec(), "alice")), 409,
				"dataset-data-altered");
		assertThat(refused.path("actualSha256").asString()).isEqualTo(Sha256.hex(altered));
		assertThat(TestData.rows(this.jdbc, "training_jobs")).isEqualTo(jobs);
	}

	@Test
	void aReproductionHasItsOwnUrlAndIsCounted() {
		ReproserveClient client = client();
		String dataset = client.upload(TestData.iris(), "iris.csv").path("id").asString();
		String model = uniqueModel("url");
		int version = client.train(request(model, dataset, irisSpec(), "alice")).path("version").asInt();

		JsonNode created = client.reproduced(model, version);

		String location = ReproserveClient.reproductions(model, version) + "/" + created.path("id").asLong();
		assertThat(client.getJson(location)).isEqualTo(created);
		assertThat(problem(client.get(location + "0"), 404, "reproduction-not-found").path("reproduction").asLong())
			.isEqualTo(created.path("id").asLong() * 10);
		assertThat(this.meters.get("reproserve.reproductions")
			.tags("model", model, "verdict", "identical")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.meters.get("reproserve.training.jobs").tags("outcome", "succeeded").counter().count())
			.isPositive();
	}

	/**
	 * The request is answered before the retraining starts: held on a latch at its start,
	 * the job is running, nothing is recorded yet, and its URL says so; let go, it
	 * records the verdict, which its URL then carries exactly as the reproduction's own
	 * URL does.
	 */
	@Test
	void aReproductionIsAJobAnsweredAtOnceWhoseUrlGivesTheVerdictOnceDone() {
		ReproserveClient client = client();
		String dataset = client.upload(penguins(), "penguins.csv").path("id").asString();
		String model = uniqueModel("job");
		int version = client.train(request(model, dataset, penguinsSpec("cart", "{}"), "alice"))
			.path("version")
			.asInt();
		long recorded = TestData.rows(this.jdbc, "reproductions");
		JsonNode job;
		try (JobGate.Held held = this.gate.hold(model)) {
			job = ReproserveClient.reproductionAccepted(client.reproduce(model, version));

			assertThat(job.path("model").asString()).isEqualTo(model);
			assertThat(job.path("version").asInt()).isEqualTo(version);
			assertThat(job.path("requestedBy").asString()).isEqualTo("admin");
			assertThat(job.path("createdAt").asString()).isNotBlank();
			assertThat(job.path("reproduction").isNull()).isTrue();
			JsonNode running = await().atMost(ReproserveClient.JOB_TIMEOUT)
				.until(() -> client.getJson(job.path("location").asString()),
						(current) -> current.path("status").asString().equals("running"));
			assertThat(running.path("stage").asString()).isEqualTo("starting");
			assertThat(running.path("startedAt").asString()).isNotBlank();
			assertThat(TestData.rows(this.jdbc, "reproductions")).isEqualTo(recorded);
			problem(client.get("/api/v1/trainings/" + job.path("id").asLong()), 404, "training-job-not-found");
		}
		JsonNode done = client.awaitReproduction(job);

		JsonNode reproduction = ReproserveClient.reproduction(done);
		assertThat(reproduction.path("verdict").asString()).as(reproduction.toString()).isEqualTo("identical");
		assertThat(reproduction.path("requestedBy").asString()).isEqualTo("admin");
		assertThat(done.path("finishedAt").asString()).isNotBlank();
		assertThat(done.path("failure").isNull()).isTrue();
		assertThat(client.getJson(reproductions(model, version) + "/" + reproduction.path("id").asLong()))
			.isEqualTo(reproduction);
		assertThat(client.getJson(reproductions(model, version)).path("items").get(0)).isEqualTo(reproduction);
		assertThat(this.jdbc.queryForObject("SELECT job_id FROM analytics.reproductions WHERE reproduction_id = ?",
				Long.class, reproduction.path("id").asLong()))
			.isEqualTo(job.path("id").asLong());
		assertThat(this.jdbc.queryForObject("SELECT verdict FROM analytics.reproduction_jobs WHERE job_id = ?",
				String.class, job.path("id").asLong()))
			.isEqualTo("identical");
		JsonNode trainings = client.getJson("/api/v1/trainings?size=100").path("items");
		assertThat(trainings.valueStream().map((t) -> t.path("id").asLong())).doesNotContain(job.path("id").asLong());
		String elsewhere = reproductions(model, version + 1).replace("/reproductions", "/reproduction-jobs/");
		JsonNode missing = problem(client.get(elsewhere + job.path("id").asLong()), 404, "reproduction-job-not-found");
		assertThat(missing.path("jobId").asLong()).isEqualTo(job.path("id").asLong());
	}

	/** Nothing to rebuild from: the verdict needs no worker, and is in the answer. */
	@Test
	void aVerdictThatNeedsNoRetrainingIsRecordedAtOnce() {
		ReproserveClient client = client();
		String model = uniqueModel("at-once");
		uploadBundleWithoutSpec(client, model);

		ObjectNode job = ReproserveClient.reproductionAccepted(client.reproduce(model, 1));

		JsonNode reproduction = ReproserveClient.reproduction(job);
		assertThat(reproduction.path("verdict").asString()).isEqualTo("not-reproducible-here");
		String location = job.remove("location").asString();
		assertThat(client.getJson(location)).isEqualTo(job);
	}

	/**
	 * A job is marked failed under a running worker when its replica stops or is taken
	 * for dead; the verdict must then be dropped, not recorded.
	 */
	@Test
	void aReproductionJobMarkedFailedWhileItRetrainsRecordsNothing() {
		ReproserveClient client = client();
		String dataset = client.upload(iris(), "iris.csv").path("id").asString();
		String model = uniqueModel("interrupted");
		int version = client.train(request(model, dataset, irisSpec(), "alice")).path("version").asInt();
		JsonNode job;
		try (JobGate.Held held = this.gate.hold(model)) {
			job = ReproserveClient.reproductionAccepted(client.reproduce(model, version));
			await().atMost(ReproserveClient.JOB_TIMEOUT)
				.until(() -> client.getJson(job.path("location").asString()).path("status").asString(),
						"running"::equals);

			assertThat(this.jdbc.update("UPDATE training_jobs SET status = 'failed', stage = 'failed', failure ="
					+ " '{\"type\": \"https://reproserve.dev/problems/training-interrupted\", \"title\": \"Training"
					+ " interrupted\", \"detail\": \"taken for dead\", \"problems\": []}'::jsonb, finished_at = now()"
					+ " WHERE id = ? AND status = 'running'", job.path("id").asLong()))
				.isEqualTo(1);
		}
		this.jobs.awaitFinished(job.path("id").asLong());

		JsonNode view = client.getJson(job.path("location").asString());
		assertThat(view.path("status").asString()).isEqualTo("failed");
		assertThat(view.path("failure").path("detail").asString()).isEqualTo("taken for dead");
		assertThat(view.path("reproduction").isNull()).isTrue();
		assertThat(client.getJson(reproductions(model, version)).path("totalItems").asLong()).isZero();
	}

	@Test
	void alteredDataIsDifferentEvenWhenTheRebuiltModelIsTheSame() {
		ReproserveClient client = client();
		byte[] data = TestData.shuffled(TestData.penguins(), 103);
		String dataset = client.upload(data, "penguins-shuffled.csv").path("id").asString();
		String model = uniqueModel("unused-column");
		int version = client.train(request(model, dataset, TestData.penguinsSpec("cart", "{}"), "alice"))
			.path("version")
			.asInt();
		// body_mass_g is not a feature of the spec: the model rebuilt from the altered
		// data is the recorded one, but the record of the data no longer holds.
		CsvTable table = CsvTable.parse(data);
		int mass = table.column("body_mass_g");
		List<List<String>> rows = table.rows().stream().map((row) -> {
			List<String> cells = new java.util.ArrayList<>(row);
			cells.set(mass, "1");
			return cells;
		}).toList();
		byte[] altered = TestData.csv(table.header(), rows);
		TestData.replaceSnapshotContent(this.jdbc, dataset, TestData.gzip(altered));

		JsonNode reproduction = client.reproduced(model, version);

		assertThat(reproduction.path("verdict").asString()).as(reproduction.toString()).isEqualTo("different");
		assertThat(reproduction.path("reproducedFingerprint").asString())
			.isEqualTo(reproduction.path("recordedFingerprint").asString());
		assertThat(reproduction.path("differences").path("dataFingerprint").path("actual").asString())
			.isEqualTo(Sha256.hex(altered));
		assertThat(reproduction.path("reason").asString())
			.contains("no longer hashes to the recorded data fingerprint");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not gzip", "not csv" })
	void snapshotDataThatNoLongerReadsAsCsvIsDifferentWithoutRetraining(String damage) {
		ReproserveClient client = client();
		byte[] data = TestData.shuffled(iris(), 104);
		String dataset = client.upload(data, "iris-shuffled.csv").path("id").asString();
		String model = uniqueModel("unreadable");
		TrainedModel trained = this.training.train(model, TestModels.irisSpec(), new TrainingData(data, "iris.csv"));
		int version = this.registry.register(model, trained.bundle(), "dave").version().version();
		byte[] ragged = "sepal_length,species\n5.1\n".getBytes(StandardCharsets.UTF_8);
		TestData.replaceSnapshotContent(this.jdbc, dataset,
				damage.equals("not gzip") ? new byte[] { 1, 2, 3 } : TestData.gzip(ragged));

		JsonNode reproduction = client.reproduced(model, version);

		assertThat(reproduction.path("verdict").asString()).isEqualTo("different");
		assertThat(reproduction.path("reason").asString()).contains("no longer readable CSV");
		assertThat(reproduction.has("reproducedFingerprint")).isFalse();
		assertThat(reproduction.path("differences").path("dataFingerprint").path("recorded").asString())
			.isEqualTo(dataset);
		assertThat(reproduction.path("differences").path("dataFingerprint").path("actual").asString())
			.isEqualTo(damage.equals("not gzip") ? "unreadable" : Sha256.hex(ragged));
		assertThat(reproduction.path("differences").propertyNames()).containsExactly("dataFingerprint");
	}

	@Test
	void bundleUploadedWithoutAPipelineSpecIsNotReproducibleHere() {
		ReproserveClient client = client();
		String model = uniqueModel("foreign");
		uploadBundleWithoutSpec(client, model);

		JsonNode reproduction = client.reproduced(model, 1);

		assertThat(reproduction.path("verdict").asString()).isEqualTo("not-reproducible-here");
		assertThat(reproduction.path("reason").asString()).contains("without a pipeline spec");
		assertThat(reproduction.has("reproducedFingerprint")).isFalse();
		assertThat(reproduction.path("differences").isEmpty()).isTrue();
		assertLatestVerdict(client, model, 1, reproduction);
	}

	@Test
	void versionTrainedFromDataNoSnapshotHoldsReproducesOnceTheDataIsUploaded() {
		ReproserveClient client = client();
		byte[] data = TestData.shuffled(iris(), 105);
		String dataset = datasetId(data);
		String model = uniqueModel("laptop");
		TrainedModel trained = this.training.train(model, TestModels.irisSpec(), new TrainingData(data, "laptop.csv"));
		int version = this.registry.register(model, trained.bundle(), "dave").version().version();

		JsonNode first = client.reproduced(model, version);

		assertThat(first.path("verdict").asString()).isEqualTo("not-reproducible-here");
		assertThat(first.path("reason").asString()).contains("no dataset snapshot " + dataset);
		assertThat(first.has("reproducedFingerprint")).isFalse();

		client.upload(data, "laptop.csv");
		JsonNode second = client.reproduced(model, version);

		assertThat(second.path("verdict").asString()).as(second.toString()).isEqualTo("identical");
		assertThat(second.path("reproducedFingerprint").asString()).isEqualTo(trained.manifest().modelFingerprint());
		JsonNode list = client.getJson(reproductions(model, version));
		assertThat(list.path("totalItems").asLong()).isEqualTo(2);
		assertThat(list.path("items").valueStream().map((r) -> r.path("id").asLong()))
			.containsExactly(second.path("id").asLong(), first.path("id").asLong());
		assertThat(list.path("items").get(0)).isEqualTo(second);
		assertThat(list.path("items").get(1)).isEqualTo(first);
		assertLatestVerdict(client, model, version, second);
	}

	@Test
	void versionTrainedFromAReferenceSnapshotReproducesOnlyWithItsData() {
		ReproserveClient client = client();
		byte[] data = TestData.shuffled(penguins(), 106);
		String dataset = client.registerReference(data, "warehouse: SELECT * FROM penguins").path("id").asString();
		String model = uniqueModel("reference");
		int version = client
			.trainWithData(request(model, dataset, penguinsSpec("cart", "{\"maxDepth\": 4}"), "carol"), data)
			.path("version")
			.asInt();

		JsonNode withoutData = client.reproduced(model, version);

		assertThat(withoutData.path("verdict").asString()).isEqualTo("not-reproducible-here");
		assertThat(withoutData.path("reason").asString()).contains("reference snapshot " + dataset, "request body");

		JsonNode mismatch = problem(client.reproduce(model, version, penguins()), 422, "dataset-mismatch");
		assertThat(mismatch.path("expectedSha256").asString()).isEqualTo(dataset);
		assertThat(client.getJson(reproductions(model, version)).path("totalItems").asLong()).isEqualTo(1);

		byte[] crlf = new String(data, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
		JsonNode withData = client.reproduced(model, version, crlf);

		assertThat(withData.path("verdict").asString()).as(withData.toString()).isEqualTo("identical");
		assertThat(withData.path("reproducedFingerprint").asString())
			.isEqualTo(withData.path("recordedFingerprint").asString());
		assertThat(client.getJson(reproductions(model, version)).path("totalItems").asLong()).isEqualTo(2);
		assertLatestVerdict(client, model, version, withData);
	}

	/**
	 * A bundle whose manifest names a snapshot that holds slightly other data than the
	 * model was trained on: a column no split of the tree uses is shifted. The model file
	 * differs (Tribuo records each feature's statistics) but every output is the same.
	 */
	@Test
	void modelThatDiffersOnlyWhereNoOutputDependsOnItIsEquivalent() {
		ReproserveClient client = client();
		byte[] data = TestData.shuffled(iris(), 107);
		String dataset = client.upload(data, "iris-shuffled.csv").path("id").asString();
		CsvTable table = CsvTable.parse(data);
		int sepalWidth = table.column("sepal_width");
		List<List<String>> shifted = new ArrayList<>();
		for (List<String> row : table.rows()) {
			List<String> copy = new ArrayList<>(row);
			copy.set(sepalWidth, String.valueOf(Double.parseDouble(row.get(sepalWidth)) + 0.01));
			shifted.add(copy);
		}
		PipelineSpec spec = TestModels.irisSpec();
		spec = new PipelineSpec(1, spec.task(), spec.target(), spec.features(),
				new PipelineSpec.Trainer("cart", java.util.Map.of("maxDepth", 2)), 3L, spec.split());
		String model = uniqueModel("equivalent");
		TrainedModel trained = this.training.train(model, spec,
				new TrainingData(TestData.csv(table.header(), shifted), "export.csv"));
		LoadedBundle loaded = BundleCodec.open(trained.bundle(), null);
		BundleManifest claimed = copy(loaded.manifest(), new DataFingerprint(dataset, 150, "export.csv"),
				loaded.manifest().pipelineSpec());
		int version = this.registry.register(model, BundleCodec.write(claimed, loaded.model()), "erin")
			.version()
			.version();

		JsonNode reproduction = client.reproduced(model, version);

		assertThat(reproduction.path("verdict").asString()).as(reproduction.toString()).isEqualTo("equivalent-outputs");
		JsonNode differences = reproduction.path("differences");
		assertThat(differences.path("modelFingerprint").path("reproduced").asString())
			.isEqualTo(reproduction.path("reproducedFingerprint").asString())
			.isNotEqualTo(reproduction.path("recordedFingerprint").asString());
		assertThat(differences.path("outputs").path("compared").asInt()).isEqualTo(12 + 45);
		assertThat(differences.path("outputs").path("differing").asInt()).isZero();
		assertThat(differences.path("outputs").path("examples").isEmpty()).isTrue();
		assertThat(differences.propertyNames()).doesNotContain("dataFingerprint", "hyperparameters", "pipeline");
		assertThat(reproduction.path("reason").asString()).contains("all 57 compared outputs");
		assertLatestVerdict(client, model, version, reproduction);
	}

	@ParameterizedTest
	@ValueSource(strings = { "UPDATE reproductions SET verdict = 'identical' WHERE id = ?",
			"UPDATE reproductions SET reason = 'rewritten' WHERE id = ?", "DELETE FROM reproductions WHERE id = ?" })
	void databaseRefusesChangingAReproduction(String sql) {
		ReproserveClient client = client();
		String model = uniqueModel("append-only");
		uploadBundleWithoutSpec(client, model);
		long id = client.reproduced(model, 1).path("id").asLong();

		assertThatThrownBy(() -> this.jdbc.update(sql, id))
			.hasMessageContaining("on reproductions is refused: the table is append-only");
		assertThat(this.jdbc.queryForObject("SELECT verdict || ' ' || reason FROM reproductions WHERE id = ?",
				String.class, id))
			.startsWith("not-reproducible-here the version was registered as a bundle without a pipeline spec");
	}

	@Test
	void databaseRefusesTruncatingReproductions() {
		ReproserveClient client = client();
		String model = uniqueModel("append-only");
		uploadBundleWithoutSpec(client, model);
		client.reproduced(model, 1);
		long rows = TestData.rows(this.jdbc, "reproductions");

		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE reproductions"))
			.hasMessageContaining("TRUNCATE on reproductions is refused");
		assertThat(TestData.rows(this.jdbc, "reproductions")).isEqualTo(rows).isPositive();
	}

	@Test
	void answersNotFoundForUnknownModelsAndVersions() {
		ReproserveClient client = client();
		String model = uniqueModel("known");
		uploadBundleWithoutSpec(client, model);
		long rows = TestData.rows(this.jdbc, "reproductions");

		assertThat(problem(client.reproduce("no-such-model", 1), 404, "model-not-found").path("detail").asString())
			.contains("no-such-model");
		problem(client.get(reproductions("no-such-model", 1)), 404, "model-not-found");
		problem(client.reproduce(model, 2), 404, "version-not-found");
		problem(client.get(reproductions(model, 2)), 404, "version-not-found");
		problem(client.get(reproductions(model, 1) + "?size=500"), 400, "invalid-parameter");
		assertThat(client.getJson(reproductions(model, 1)).path("items").isEmpty()).isTrue();
		assertThat(TestData.rows(this.jdbc, "reproductions")).isEqualTo(rows);
	}

	@Test
	void refusesTrainingDataOverTheDatasetLimitWithoutReadingIt() throws IOException {
		ReproserveClient client = client();
		String model = uniqueModel("big");
		uploadBundleWithoutSpec(client, model);
		long rows = TestData.rows(this.jdbc, "reproductions");

		// Declares 300 MB (the limit is 256 MB) and sends a few bytes: a server that
		// buffered the body first would wait for the rest.
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + reproductions(model, 1) + " HTTP/1.1\r\nHost: localhost\r\n" + "Authorization: Bearer "
					+ TestKeys.ADMIN + "\r\n" + "Content-Type: text/csv\r\nContent-Length: 300000000\r\n\r\na,b\n1,2\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String response = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

			assertThat(response).isEqualTo("HTTP/1.1 413");
		}
		assertThat(TestData.rows(this.jdbc, "reproductions")).isEqualTo(rows);
	}

	/** Registers iris version 1 of a model from a bundle whose manifest has no spec. */
	private static void uploadBundleWithoutSpec(ReproserveClient client, String model) {
		LoadedBundle loaded = BundleCodec.open(TestModels.trainIris(42).bundle(), null);
		BundleManifest manifest = copy(loaded.manifest(), loaded.manifest().trainingData(), null);
		Response response = client.post("/api/v1/models/" + model + "/versions?actor=frank", "application/octet-stream",
				BundleCodec.write(manifest, loaded.model()));
		assertThat(created(response).path("version").asInt()).isEqualTo(1);
	}

	private static BundleManifest copy(BundleManifest m, DataFingerprint trainingData,
			tools.jackson.databind.JsonNode pipelineSpec) {
		return new BundleManifest(m.formatVersion(), m.modelName(), m.modelClass(), m.modelFingerprint(),
				m.inputSchema(), m.output(), m.training(), trainingData, m.metrics(), m.goldenExamples(),
				m.dependencies(), m.tribuoProvenance(), m.createdAt(), pipelineSpec, m.evaluation(), m.profile());
	}

	/** The version view and the version list show the reproduction as the latest. */
	private static void assertLatestVerdict(ReproserveClient client, String model, int version, JsonNode reproduction) {
		JsonNode view = client.getJson("/api/v1/models/" + model + "/versions/" + version).path("reproduction");
		assertThat(view.path("id").asLong()).as(view.toString()).isEqualTo(reproduction.path("id").asLong());
		assertThat(view.path("verdict").asString()).isEqualTo(reproduction.path("verdict").asString());
		assertThat(view.path("at").asString()).isEqualTo(reproduction.path("at").asString());
		JsonNode listed = client.getJson("/api/v1/models/" + model + "/versions")
			.path("items")
			.valueStream()
			.filter((v) -> v.path("version").asInt() == version)
			.findFirst()
			.orElseThrow()
			.path("reproduction");
		assertThat(listed).isEqualTo(view);
	}

}
