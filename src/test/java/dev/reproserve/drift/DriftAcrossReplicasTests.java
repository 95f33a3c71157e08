package dev.reproserve.drift;

import java.util.List;
import java.util.Map;

import dev.reproserve.drift.internal.WindowFlusher;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Replicas;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestDatabase;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.TrainingService;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live counts of several replicas of one database: each appends its own windows, and a
 * report on any replica adds up all of them; a replica that shuts down stores its window
 * in progress, so a restart loses nothing. On iris, traffic like the training split is
 * stable.
 */
@ReproserveTest
class DriftAcrossReplicasTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	RestTestClient rest;

	@Autowired
	WindowFlusher flusher;

	@Autowired
	TrainingService training;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void everyReplicasWindowsAddUpAndARestartKeepsTheHistory() {
		ReproserveClient here = new ReproserveClient(this.rest);
		byte[] csv = TestData.shuffled(TestData.iris(), 2202);
		String dataset = here.upload(csv, "iris.csv").path("id").asString();
		String model = TestData.uniqueModel("drift-iris");
		here.train(TestData.request(model, dataset, TestData.irisSpec(), "alice"));
		List<Map<String, Object>> split = this.training
			.trainingSplit(JSON.readValue(TestData.irisSpec(), PipelineSpec.class), new TrainingData(csv, "iris.csv"));
		LiveDriftTests.send(here, model, 1, LiveDriftTests.drawn(split, 600, 7, (row) -> row));
		ConfigurableApplicationContext second = Replicas.start(TestDatabase.shared());
		try {
			LiveDriftTests.send(Replicas.client(second), model, 1, LiveDriftTests.drawn(split, 500, 8, (row) -> row));
			assertThat(second.getBean(WindowFlusher.class).flush()).isEqualTo(1);
			this.flusher.flush();
			JsonNode report = here.getJson("/api/v1/models/" + model + "/versions/1/drift");
			assertThat(report.path("live").path("instances").asLong()).isEqualTo(1100);
			assertThat(report.path("live").path("windows").asInt()).isEqualTo(2);
			// The other replica's answer is the same sum.
			JsonNode there = Replicas.client(second).getJson("/api/v1/models/" + model + "/versions/1/drift");
			assertThat(there.path("live").path("instances").asLong()).isEqualTo(1100);
			assertThat(there.path("features")).isEqualTo(report.path("features"));

			// Counts of a replica still in its window when it stops are stored as it
			// stops.
			LiveDriftTests.send(Replicas.client(second), model, 1, LiveDriftTests.drawn(split, 400, 9, (row) -> row));
		}
		finally {
			second.close();
		}
		ConfigurableApplicationContext restarted = Replicas.start(TestDatabase.shared());
		try {
			JsonNode report = Replicas.client(restarted).getJson("/api/v1/models/" + model + "/versions/1/drift");
			assertThat(report.path("live").path("instances").asLong()).isEqualTo(1500);
			assertThat(report.path("live").path("windows").asInt()).isEqualTo(3);
			assertThat(report.path("live").path("currentWindow").asBoolean()).isFalse();
			assertThat(report.path("verdict").asString()).as(report.toString()).isEqualTo("stable");
			report.path("features")
				.forEach((feature) -> assertThat(feature.path("verdict").asString()).as(feature.toString())
					.isEqualTo("stable"));
			long stored = this.jdbc.queryForObject(
					"SELECT sum(instances) FROM drift_windows w JOIN model_versions v ON v.id = w.version_id"
							+ " JOIN models m ON m.id = v.model_id WHERE m.name = ?",
					Long.class, model);
			assertThat(stored).isEqualTo(1500);
		}
		finally {
			restarted.close();
		}
	}

}
