package dev.reproserve.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.TrainingProfile;
import dev.reproserve.drift.internal.DriftStore;
import dev.reproserve.drift.internal.PeriodSums;
import dev.reproserve.drift.internal.WindowFlusher;
import dev.reproserve.drift.internal.WindowSum;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.VersionRef;
import dev.reproserve.serving.LiveTraffic;
import dev.reproserve.shared.Timestamps;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestModels;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.TrainingService;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.problem;
import static dev.reproserve.support.ReproserveClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live drift on real models trained through the API on real data: requests drawn from the
 * training split are stable, a shifted numeric, a collapsed categorical and a feature
 * sent missing are each caught on their own, and the other features stay stable. Each
 * case has a version of its own (the same model bundle re-registered), so its live counts
 * are its own.
 */
@ReproserveTest
@ExtendWith(OutputCaptureExtension.class)
class LiveDriftTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SPEC = TestData.penguinsSpec("logistic-regression", "{\"epochs\": 5}");

	/** Per test class: the trained model, its bundle and its training split. */
	private static String model;

	private static LoadedBundle bundle;

	private static List<Map<String, Object>> split;

	private static int registered;

	@Autowired
	RestTestClient rest;

	@Autowired
	WindowFlusher flusher;

	@Autowired
	TrainingService training;

	@Autowired
	MeterRegistry meters;

	@Autowired
	PeriodSums sums;

	@Autowired
	DriftStore store;

	@Autowired
	LiveTraffic live;

	@Autowired
	ModelRegistry registry;

	@Autowired
	JdbcTemplate jdbc;

	private ReproserveClient client() {
		return new ReproserveClient(this.rest);
	}

	/** Trains penguins once through the API; answers a fresh version of it. */
	private synchronized int freshVersion() {
		ReproserveClient client = client();
		if (model == null) {
			byte[] csv = TestData.shuffled(TestData.penguins(), 1101);
			String dataset = client.upload(csv, "penguins.csv").path("id").asString();
			model = TestData.uniqueModel("drift");
			client.train(TestData.request(model, dataset, SPEC, "alice"));
			bundle = BundleCodec.open(client.get("/api/v1/models/" + model + "/versions/1/bundle").bytes(), null);
			split = this.training.trainingSplit(JSON.readValue(SPEC, PipelineSpec.class),
					new TrainingData(csv, "penguins.csv"));
			registered = 1;
			return 1;
		}
		registered++;
		Response response = client.post("/api/v1/models/" + model + "/versions", "application/octet-stream",
				TestModels.rewrittenAt(bundle, 1_900_000_000L + registered));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response).path("version").asInt();
	}

	/** Instances drawn at random (fixed seed) from the training split, each changed. */
	private static List<Map<String, Object>> drawn(int count, long seed, UnaryOperator<Map<String, Object>> change) {
		return drawn(split, count, seed, change);
	}

	/** Instances drawn at random (fixed seed) from rows, each changed. */
	static List<Map<String, Object>> drawn(List<Map<String, Object>> rows, int count, long seed,
			UnaryOperator<Map<String, Object>> change) {
		Random random = new Random(seed);
		List<Map<String, Object>> instances = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			instances.add(change.apply(new LinkedHashMap<>(rows.get(random.nextInt(rows.size())))));
		}
		return instances;
	}

	/**
	 * Sends instances in batches of 50 (the tests' max-batch-size), every one answered.
	 */
	static void send(ReproserveClient client, String model, int version, List<Map<String, Object>> instances) {
		for (int i = 0; i < instances.size(); i += 50) {
			Map<String, Object> request = Map.of("instances", instances.subList(i, Math.min(i + 50, instances.size())));
			Response response = client.postJson("/api/v1/models/" + model + "/versions/" + version + "/predict",
					JSON.writeValueAsString(request));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
	}

	private JsonNode drift(int version) {
		this.flusher.window();
		return client().getJson("/api/v1/models/" + model + "/versions/" + version + "/drift");
	}

	private static Map<String, String> verdicts(JsonNode report) {
		Map<String, String> verdicts = new LinkedHashMap<>();
		report.path("features").forEach((f) -> verdicts.put(f.path("name").asString(), f.path("verdict").asString()));
		return verdicts;
	}

	static JsonNode feature(JsonNode report, String name) {
		for (JsonNode feature : report.path("features")) {
			if (feature.path("name").asString().equals(name)) {
				return feature;
			}
		}
		throw new AssertionError("no feature " + name + " in " + report);
	}

	@Test
	void requestsDrawnFromTheTrainingSplitAreStableForEveryFeatureAndTheOutput() {
		int version = freshVersion();
		send(client(), model, version, drawn(2000, 1, (row) -> row));

		JsonNode report = drift(version);

		assertThat(report.path("verdict").asString()).as(report.toString()).isEqualTo("stable");
		assertThat(verdicts(report)).containsOnlyKeys("island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
				"sex");
		assertThat(verdicts(report).values()).as(report.toString()).containsOnly("stable");
		assertThat(report.path("output").path("verdict").asString()).isEqualTo("stable");
		assertThat(report.path("live").path("instances").asLong()).isEqualTo(2000);
		assertThat(report.path("live").path("requests").asLong()).isEqualTo(40);
		assertThat(report.path("profile").path("source").asString()).isEqualTo("bundle");
		assertThat(report.path("profile").path("rows").asLong()).isEqualTo(split.size());
		for (JsonNode feature : report.path("features")) {
			assertThat(feature.path("psi").asDouble()).as(feature.toString()).isLessThan(0.1);
			assertThat(feature.path("jensenShannon").asDouble()).isBetween(0.0, 0.2);
			long live = 0;
			for (JsonNode bin : feature.path("bins")) {
				live += bin.path("live").asLong();
			}
			assertThat(live).isEqualTo(feature.path("liveCount").asLong());
		}
		JsonNode island = feature(report, "island");
		assertThat(island.path("lInfinity").asDouble()).isLessThan(0.1);
		assertThat(island.path("unseenRate").asDouble()).isZero();
		assertThat(feature(report, "flipper_length_mm").path("outOfRangeRate").asDouble()).isZero();
	}

	@Test
	void oneShiftedNumericFeatureIsMajorAndTheRestStayStable(CapturedOutput output) {
		int version = freshVersion();
		send(client(), model, version, drawn(1500, 2, (row) -> {
			row.computeIfPresent("flipper_length_mm", (name, value) -> ((Number) value).doubleValue() + 25);
			return row;
		}));

		JsonNode report = drift(version);

		assertThat(report.path("verdict").asString()).isEqualTo("major");
		JsonNode flipper = feature(report, "flipper_length_mm");
		assertThat(flipper.path("verdict").asString()).isEqualTo("major");
		assertThat(flipper.path("psi").asDouble()).isGreaterThan(0.25);
		assertThat(flipper.path("outOfRangeRate").asDouble()).isGreaterThan(0.3);
		Map<String, String> verdicts = verdicts(report);
		verdicts.remove("flipper_length_mm");
		assertThat(verdicts.values()).as(report.toString()).containsOnly("stable");

		// One WARN when it turned major, not one per window or request.
		this.flusher.window();
		String line = "Drift: model " + model + " version " + version + " feature 'flipper_length_mm' is major";
		assertThat(output.getOut().split(java.util.regex.Pattern.quote(line), -1)).hasSize(2);
		assertThat(this.meters.get("reproserve.drift.psi")
			.tag("model", model)
			.tag("version", String.valueOf(version))
			.tag("feature", "flipper_length_mm")
			.gauge()
			.value()).isEqualTo(flipper.path("psi").asDouble());
	}

	@Test
	void aCategoricalCollapsedToOneValueIsMajorByPsiAndLInfinity() {
		int version = freshVersion();
		send(client(), model, version, drawn(1500, 3, (row) -> {
			row.put("island", "Dream");
			return row;
		}));

		JsonNode report = drift(version);

		JsonNode island = feature(report, "island");
		assertThat(island.path("verdict").asString()).isEqualTo("major");
		assertThat(island.path("psi").asDouble()).isGreaterThan(0.25);
		assertThat(island.path("lInfinity").asDouble()).isGreaterThan(0.2);
		assertThat(report.path("thresholds").path("lInfinityMajor").asDouble()).isEqualTo(0.2);
		Map<String, String> verdicts = verdicts(report);
		verdicts.remove("island");
		assertThat(verdicts.values()).as(report.toString()).containsOnly("stable");
	}

	@Test
	void aFeatureAlwaysSentMissingIsMissingLive() {
		int version = freshVersion();
		send(client(), model, version, drawn(1000, 4, (row) -> {
			row.remove("bill_depth_mm");
			return row;
		}));

		JsonNode report = drift(version);

		JsonNode depth = feature(report, "bill_depth_mm");
		assertThat(depth.path("verdict").asString()).isEqualTo("missing-live");
		assertThat(depth.path("missing").path("live").asDouble()).isEqualTo(1.0);
		assertThat(depth.path("missing").path("training").asDouble()).isLessThan(0.05);
		assertThat(depth.path("reason").asString()).contains("100.0 % of live instances");
		assertThat(report.path("verdict").asString()).isEqualTo("missing-live");
		Map<String, String> verdicts = verdicts(report);
		verdicts.remove("bill_depth_mm");
		assertThat(verdicts.values()).as(report.toString()).containsOnly("stable");
	}

	@Test
	void theGaugesRunningSumIsTheSumOfTheStoredWindowsAsThePeriodMoves() {
		int version = freshVersion();
		ReproserveClient client = client();
		send(client, model, version, drawn(200, 6, (row) -> row));
		this.flusher.window();
		send(client, model, version, drawn(300, 7, (row) -> row));
		assertThat(this.flusher.flush()).isEqualTo(1);
		send(client, model, version, drawn(100, 8, (row) -> row));
		assertThat(this.flusher.flush()).isEqualTo(1);
		VersionRef ref = this.registry.versionRef(model, version);
		TrainingProfile profile = this.live.counted()
			.stream()
			.filter((counted) -> counted.ref().equals(ref))
			.findFirst()
			.orElseThrow()
			.profile();
		Instant to = Timestamps.now();
		List<DriftStore.StoredWindow> stored = this.store.windows(ref.versionId(), Instant.EPOCH, to);
		assertThat(stored).hasSize(3);

		// As the start of the period passes each window's end, the window leaves the sum.
		List<Instant> starts = List.of(to.minus(Duration.ofDays(1)), stored.get(0).end(), stored.get(1).end());
		for (int i = 0; i < starts.size(); i++) {
			WindowSum running = this.sums.sum(ref, profile, starts.get(i), to);
			WindowSum summed = WindowSum.of(profile, this.store.windows(ref.versionId(), starts.get(i), to));
			assertThat(running).isEqualTo(summed);
			assertThat(running.windows()).isEqualTo(3 - i);
		}
		assertThat(this.sums.sum(ref, profile, stored.get(1).end(), to).counts().instances()).isEqualTo(100);

		// A window whose insert took its id before the last one read but committed after:
		// the running sum reads the latest windows again and takes it in once.
		this.jdbc
			.update("INSERT INTO drift_windows OVERRIDING SYSTEM VALUE SELECT -id, version_id, 'late', window_start,"
					+ " now(), requests, instances, counts FROM drift_windows WHERE id = ?", stored.get(2).id());
		Instant later = Timestamps.now();
		for (int i = 0; i < 2; i++) {
			WindowSum running = this.sums.sum(ref, profile, stored.get(1).end(), later);
			assertThat(running)
				.isEqualTo(WindowSum.of(profile, this.store.windows(ref.versionId(), stored.get(1).end(), later)));
			assertThat(running.windows()).isEqualTo(2);
			assertThat(running.counts().instances()).isEqualTo(200);
			assertThat(running.replicas()).contains("late");
		}
	}

	@Test
	void fewInstancesAreInsufficientData() {
		int version = freshVersion();
		send(client(), model, version, drawn(40, 5, (row) -> row));

		JsonNode report = drift(version);

		assertThat(report.path("verdict").asString()).isEqualTo("insufficient-data");
		assertThat(verdicts(report).values()).containsOnly("insufficient-data");
		assertThat(feature(report, "island").path("reason").asString()).contains("40 live values", "min-count");
	}

	@Test
	void badPeriodsAndComparisonsAreRefusedWithAProblem() {
		int version = freshVersion();
		String path = "/api/v1/models/" + model + "/versions/" + version + "/drift";
		ReproserveClient client = client();
		problem(client.get(path + "?from=yesterday"), 400, "invalid-parameter", "Invalid parameter");
		problem(client.get(path + "?from=2026-12-03T10:00:00Z&to=2026-12-03T09:00:00Z"), 400, "invalid-parameter",
				"Invalid parameter");
		problem(client.get(path + "?against=production"), 400, "invalid-parameter", "Invalid parameter");
		problem(client.get(path + "?against=alias:nowhere"), 404, "alias-not-found", "Alias not found");
		problem(client.get("/api/v1/models/" + model + "/versions/999/drift"), 404, "version-not-found",
				"Version not found");
		problem(client.get("/api/v1/models/" + model + "/aliases/nowhere/drift"), 404, "alias-not-found",
				"Alias not found");
		problem(client.withKey(null).get(path), 401, "unauthorized", "Unauthorized");
	}

}
