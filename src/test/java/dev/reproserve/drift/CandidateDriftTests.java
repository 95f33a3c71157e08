package dev.reproserve.drift;

import java.util.List;
import java.util.Map;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.datasets.CsvTable;
import dev.reproserve.drift.internal.WindowFlusher;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.TrainingService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ReproserveClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A candidate compared before promotion with the traffic production receives; a version
 * registered without a profile gets one computed once from its snapshot and split; a
 * version with neither answers {@code not-available} with the reason.
 */
@ReproserveTest
class CandidateDriftTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SPEC = TestData.penguinsSpec("logistic-regression", "{\"epochs\": 5}");

	@Autowired
	RestTestClient rest;

	@Autowired
	WindowFlusher flusher;

	@Autowired
	TrainingService training;

	@Autowired
	JdbcTemplate jdbc;

	private ReproserveClient client() {
		return new ReproserveClient(this.rest);
	}

	/**
	 * A model whose production (version 1) has answered traffic like its training split.
	 */
	private String modelInProduction(byte[] csv) {
		ReproserveClient client = client();
		String dataset = client.upload(csv, "penguins.csv").path("id").asString();
		String model = TestData.uniqueModel("candidate");
		client.train(TestData.request(model, dataset, SPEC, "alice"));
		assertThat(client
			.putJson("/api/v1/models/" + model + "/aliases/production", "{\"version\": 1, \"reason\": \"first\"}")
			.statusCode()).isEqualTo(200);
		List<Map<String, Object>> split = this.training.trainingSplit(JSON.readValue(SPEC, PipelineSpec.class),
				new TrainingData(csv, "penguins.csv"));
		LiveDriftTests.send(client, model, 1, LiveDriftTests.drawn(split, 1500, 11, (row) -> row));
		this.flusher.flush();
		return model;
	}

	@Test
	void aCandidateTrainedOnAnotherPopulationIsSeenToDriftFromProductionsTrafficBeforeItIsPromoted() {
		byte[] csv = TestData.shuffled(TestData.penguins(), 3303);
		String model = modelInProduction(csv);
		ReproserveClient client = client();
		// The candidate learns from Biscoe's penguins alone.
		CsvTable table = CsvTable.parse(csv);
		int island = table.column("island");
		byte[] biscoe = TestData.csv(table.header(),
				table.rows().stream().filter((row) -> row.get(island).equals("Biscoe")).toList());
		String dataset = client.upload(biscoe, "biscoe.csv").path("id").asString();
		client.train(TestData.request(model, dataset, SPEC, "alice"));

		JsonNode report = client.getJson("/api/v1/models/" + model + "/versions/2/drift?against=alias:production");

		assertThat(report.path("version").asInt()).isEqualTo(2);
		assertThat(report.path("against").path("alias").asString()).isEqualTo("alias:production");
		assertThat(report.path("against").path("version").asInt()).isEqualTo(1);
		assertThat(report.path("profile").path("source").asString()).isEqualTo("training-split-in-live-bins");
		assertThat(report.path("live").path("instances").asLong()).isEqualTo(1500);
		JsonNode islandDrift = LiveDriftTests.feature(report, "island");
		assertThat(islandDrift.path("verdict").asString()).as(islandDrift.toString()).isEqualTo("major");
		assertThat(islandDrift.path("lInfinity").asDouble()).isGreaterThan(0.4);
		assertThat(report.path("verdict").asString()).isEqualTo("major");

		// Production's own version against its own traffic: the same report as without.
		JsonNode itself = client.getJson("/api/v1/models/" + model + "/versions/1/drift?against=alias:production");
		assertThat(itself.path("verdict").asString()).as(itself.toString()).isEqualTo("stable");
		assertThat(itself.path("profile").path("source").asString()).isEqualTo("bundle");
		assertThat(itself.path("against").path("version").asInt()).isEqualTo(1);
	}

	@Test
	void aVersionWithoutAProfileGetsOneComputedOnceFromItsSnapshotAndSplitAndIsCountedFromThen() {
		byte[] csv = TestData.shuffled(TestData.penguins(), 4404);
		String model = modelInProduction(csv);
		ReproserveClient client = client();
		LoadedBundle trained = firstVersion(client, model);
		BundleManifest recorded = trained.manifest();
		int version = register(client, model, BundleCodec
			.write(recorded.withProfile(null).withCreatedAt(recorded.createdAt().plusSeconds(1)), trained.model()));

		JsonNode first = client.getJson("/api/v1/models/" + model + "/versions/" + version + "/drift");

		assertThat(first.path("profile").path("source").asString()).as(first.toString()).isEqualTo("computed");
		assertThat(first.path("verdict").asString()).isEqualTo("insufficient-data");
		String stored = this.jdbc.queryForObject(
				"SELECT p.profile::text FROM training_profiles p JOIN model_versions v ON v.id = p.version_id"
						+ " JOIN models m ON m.id = v.model_id WHERE m.name = ? AND v.version = ?",
				String.class, model, version);
		// The profile computed now is the one training recorded.
		assertThat(JSON.readTree(stored)).isEqualTo(ManifestJson.valueTree(recorded.profile()));

		List<Map<String, Object>> split = this.training.trainingSplit(JSON.readValue(SPEC, PipelineSpec.class),
				new TrainingData(csv, "penguins.csv"));
		LiveDriftTests.send(client, model, version, split);
		this.flusher.window();
		JsonNode counted = client.getJson("/api/v1/models/" + model + "/versions/" + version + "/drift");
		assertThat(counted.path("live").path("instances").asLong()).isEqualTo(split.size());
		assertThat(counted.path("verdict").asString()).as(counted.toString()).isEqualTo("stable");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM training_profiles p JOIN model_versions v"
						+ " ON v.id = p.version_id JOIN models m ON m.id = v.model_id WHERE m.name = ?",
				Long.class, model))
			.isEqualTo(1);
	}

	@Test
	void aVersionWithNeitherProfileNorRecordedDataIsNotAvailableWithTheReason() {
		byte[] csv = TestData.shuffled(TestData.penguins(), 5505);
		String model = modelInProduction(csv);
		ReproserveClient client = client();
		LoadedBundle trained = firstVersion(client, model);
		BundleManifest m = trained.manifest();
		BundleManifest bare = new BundleManifest(m.formatVersion(), m.modelName(), m.modelClass(), m.modelFingerprint(),
				m.inputSchema(), m.output(), m.training(), m.trainingData(), m.metrics(), m.goldenExamples(),
				m.dependencies(), m.tribuoProvenance(), m.createdAt().plusSeconds(2), null, m.evaluation(), null);
		int version = register(client, model, BundleCodec.write(bare, trained.model()));

		JsonNode report = client.getJson("/api/v1/models/" + model + "/versions/" + version + "/drift");

		assertThat(report.path("verdict").asString()).isEqualTo("not-available");
		assertThat(report.path("reason").asString()).contains("no training profile", "without a pipeline spec");
		assertThat(report.path("features")).isEmpty();
		// And a candidate compared with production cannot be either, for the same reason.
		JsonNode against = client
			.getJson("/api/v1/models/" + model + "/versions/" + version + "/drift?against=alias:production");
		assertThat(against.path("verdict").asString()).isEqualTo("not-available");
		assertThat(against.path("reason").asString()).contains("without a pipeline spec");
	}

	private static LoadedBundle firstVersion(ReproserveClient client, String model) {
		return BundleCodec.open(client.get("/api/v1/models/" + model + "/versions/1/bundle").bytes(), null);
	}

	private static int register(ReproserveClient client, String model, byte[] bundle) {
		Response response = client.post("/api/v1/models/" + model + "/versions", "application/octet-stream", bundle);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response).path("version").asInt();
	}

}
