package dev.reproserve.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import dev.reproserve.drift.internal.WindowFlusher;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The analysts' views, each held against the tables it reads, and their role: it reads
 * the views and nothing else, and writes nowhere.
 */
@ReproserveTest
class AnalystViewsTests {

	@Autowired
	RestTestClient rest;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	WindowFlusher flusher;

	private String model;

	private String dataset;

	@BeforeEach
	void aModelWithHistory() {
		ReproserveClient client = new ReproserveClient(this.rest);
		byte[] csv = TestData.shuffled(TestData.iris(), 6606);
		this.dataset = client.upload(csv, "iris.csv").path("id").asString();
		this.model = TestData.uniqueModel("analyst");
		client.train(TestData.request(this.model, this.dataset, TestData.irisSpec(), "alice"));
		client.train(TestData.request(this.model, this.dataset,
				TestData.irisSpec().replace("\"seed\": 42", "\"seed\": 43"), "alice"));
		for (int version : new int[] { 1, 2, 1 }) {
			assertThat(client
				.putJson("/api/v1/models/" + this.model + "/aliases/production",
						"{\"version\": " + version + ", \"reason\": \"step " + version + "\"}")
				.statusCode()).isEqualTo(200);
		}
		client.reproduced(this.model, 2);
		assertThat(client
			.postJson("/api/v1/models/" + this.model + "/aliases/production/predict",
					"{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4,"
							+ " \"petal_width\": 0.2}]}")
			.statusCode()).isEqualTo(200);
		this.flusher.flush();
	}

	@Test
	void modelVersionsHasOneRowPerVersionWithItsRecordAsColumns() {
		List<Map<String, Object>> rows = this.jdbc
			.queryForList("SELECT * FROM analytics.model_versions WHERE model = ? ORDER BY version", this.model);
		List<Map<String, Object>> versions = this.jdbc.queryForList(
				"SELECT v.version, v.bundle_sha256, v.model_fingerprint, v.created_by, v.manifest::text AS manifest"
						+ " FROM model_versions v JOIN models m ON m.id = v.model_id WHERE m.name = ? ORDER BY version",
				this.model);
		assertThat(rows).hasSize(2).hasSameSizeAs(versions);
		for (int i = 0; i < rows.size(); i++) {
			Map<String, Object> row = rows.get(i);
			Map<String, Object> version = versions.get(i);
			JsonNode manifest = tools.jackson.databind.json.JsonMapper.builder()
				.build()
				.readTree((String) version.get("manifest"));
			assertThat(row.get("bundle_sha256")).isEqualTo(version.get("bundle_sha256"));
			assertThat(row.get("model_fingerprint")).isEqualTo(version.get("model_fingerprint"));
			assertThat(row.get("created_by")).isEqualTo(version.get("created_by"));
			assertThat(row.get("status")).isEqualTo("verified");
			assertThat(row.get("dataset_id")).isEqualTo(this.dataset);
			assertThat(row.get("trainer")).isEqualTo("logistic-regression");
			assertThat(row.get("trainer_seed")).isEqualTo((long) (42 + i));
			assertThat(row.get("split_seed")).isEqualTo(manifest.path("training").path("seeds").path("split").asLong());
			assertThat((Double) row.get("accuracy")).isEqualTo(manifest.path("metrics").path("accuracy").asDouble());
			assertThat(row.get("train_rows"))
				.isEqualTo(manifest.path("training").path("split").path("trainRows").asInt());
		}
		assertThat(rows.get(0).get("reproduction_verdict")).isNull();
		assertThat(rows.get(1).get("reproduction_verdict")).isEqualTo(
				this.jdbc.queryForObject("SELECT verdict FROM reproductions ORDER BY id DESC LIMIT 1", String.class));
	}

	@Test
	void theAliasTimelineGivesEachIntervalAndAnswersWhatServedAtATime() {
		List<Map<String, Object>> intervals = this.jdbc.queryForList(
				"SELECT * FROM analytics.alias_timeline WHERE model = ? AND alias = 'production' ORDER BY valid_from",
				this.model);
		List<Map<String, Object>> events = this.jdbc
			.queryForList("SELECT e.to_version, e.at, e.reason FROM alias_events e JOIN models m ON m.id = e.model_id"
					+ " WHERE m.name = ? ORDER BY e.id", this.model);
		assertThat(intervals).hasSize(3).hasSameSizeAs(events);
		for (int i = 0; i < intervals.size(); i++) {
			assertThat(intervals.get(i).get("version")).isEqualTo(events.get(i).get("to_version"));
			assertThat(intervals.get(i).get("valid_from")).isEqualTo(events.get(i).get("at"));
			assertThat(intervals.get(i).get("reason")).isEqualTo(events.get(i).get("reason"));
			assertThat(intervals.get(i).get("valid_to"))
				.isEqualTo((i + 1 < events.size()) ? events.get(i + 1).get("at") : null);
		}
		// Which version served production at the moment of the second move: version 2.
		Timestamp during = (Timestamp) events.get(1).get("at");
		assertThat(this.jdbc.queryForObject(
				"SELECT version FROM analytics.alias_timeline WHERE model = ? AND alias = 'production'"
						+ " AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)",
				Integer.class, this.model, during, during))
			.isEqualTo(2);
	}

	@Test
	void theAliasAtATimeOverHttpIsTheTimelinesInterval() {
		ReproserveClient client = new ReproserveClient(this.rest);
		String path = "/api/v1/models/" + this.model + "/aliases/production";
		List<Map<String, Object>> intervals = this.jdbc.queryForList(
				"SELECT version, valid_from, reason FROM analytics.alias_timeline WHERE model = ? AND alias = 'production'"
						+ " ORDER BY valid_from",
				this.model);
		for (Map<String, Object> interval : intervals) {
			String at = ((Timestamp) interval.get("valid_from")).toInstant().toString();
			JsonNode answer = client.getJson(path + "?at=" + at);
			assertThat(answer.path("version").asInt()).isEqualTo(interval.get("version"));
			assertThat(answer.path("event").path("reason").asString()).isEqualTo(interval.get("reason"));
			assertThat(answer.path("at").asString()).isEqualTo(at);
		}
		JsonNode now = client.getJson(path);
		assertThat(now.path("version").asInt()).isEqualTo(1);
		assertThat(now.path("event").path("fromVersion").asInt()).isEqualTo(2);

		String before = ((Timestamp) intervals.get(0).get("valid_from")).toInstant().minusSeconds(1).toString();
		JsonNode notYet = dev.reproserve.support.ProblemAssert.problem(client.get(path + "?at=" + before), 404,
				"alias-not-found", "Alias not found");
		assertThat(notYet.path("createdAt").asString())
			.isEqualTo(((Timestamp) intervals.get(0).get("valid_from")).toInstant().toString());
		dev.reproserve.support.ProblemAssert.problem(client.get(path + "?at=yesterday"), 400, "invalid-parameter",
				"Invalid parameter");
		dev.reproserve.support.ProblemAssert.problem(client.get("/api/v1/models/" + this.model + "/aliases/staging"),
				404, "alias-not-found", "Alias not found");
	}

	@Test
	void theVersionListFiltersByStatusReproductionTrainerDatasetAndTime() {
		ReproserveClient client = new ReproserveClient(this.rest);
		String path = "/api/v1/models/" + this.model + "/versions";
		String verdict = this.jdbc.queryForObject(
				"SELECT reproduction_verdict FROM analytics.model_versions" + " WHERE model = ? AND version = 2",
				String.class, this.model);
		String second = client.getJson(path + "/2").path("createdAt").asString();
		Map<String, List<Integer>> expected = new java.util.LinkedHashMap<>();
		expected.put("", List.of(2, 1));
		expected.put("?status=verified", List.of(2, 1));
		expected.put("?status=failed", List.of());
		expected.put("?reproduction=none", List.of(1));
		expected.put("?reproduction=" + verdict, List.of(2));
		expected.put("?trainer=logistic-regression", List.of(2, 1));
		expected.put("?trainer=cart", List.of());
		expected.put("?dataset=" + this.dataset, List.of(2, 1));
		expected.put("?dataset=" + "0".repeat(64), List.of());
		expected.put("?createdFrom=" + second, List.of(2));
		expected.put("?createdTo=" + second, List.of(1));
		expected.put("?status=verified&reproduction=none&trainer=logistic-regression&dataset=" + this.dataset,
				List.of(1));
		expected.put("?size=1&page=1", List.of(1));
		expected.forEach((query, versions) -> {
			JsonNode page = client.getJson(path + query);
			assertThat(page.path("items").findValues("version").stream().map(JsonNode::asInt).toList()).as(query)
				.isEqualTo(versions);
			if (!query.startsWith("?size")) {
				assertThat(page.path("totalItems").asLong()).as(query).isEqualTo(versions.size());
			}
		});
		for (String bad : List.of("status=retired", "reproduction=maybe", "trainer=Cart!", "dataset=abc",
				"createdFrom=yesterday")) {
			JsonNode refused = dev.reproserve.support.ProblemAssert.problem(client.get(path + "?" + bad), 400,
					"invalid-parameter", "Invalid parameter");
			assertThat(refused.path("parameter").asString()).isEqualTo(bad.substring(0, bad.indexOf('=')));
		}
	}

	@Test
	void reproductionsJobsSnapshotsAndDriftWindowsMatchTheirTables() {
		assertThat(this.jdbc.queryForList(
				"SELECT verdict, recorded_fingerprint, reproduced_fingerprint FROM analytics.reproductions WHERE model = ?",
				this.model))
			.isEqualTo(this.jdbc.queryForList("SELECT p.verdict, v.model_fingerprint AS recorded_fingerprint,"
					+ " p.reproduced_fingerprint FROM reproductions p JOIN model_versions v ON v.id = p.version_id"
					+ " JOIN models m ON m.id = v.model_id WHERE m.name = ?", this.model));
		assertThat(this.jdbc.queryForList(
				"SELECT job_id, status, version, trainer FROM analytics.training_jobs WHERE model = ? ORDER BY job_id",
				this.model))
			.isEqualTo(this.jdbc.queryForList(
					"SELECT id AS job_id, status, version, spec -> 'trainer' ->> 'type'"
							+ " AS trainer FROM training_jobs WHERE model_name = ? AND kind = 'training' ORDER BY id",
					this.model))
			.hasSize(2)
			.allSatisfy((job) -> assertThat(job.get("status")).isEqualTo("succeeded"));
		assertThat(this.jdbc.queryForList("SELECT version, status, verdict, reproduction_id = (SELECT reproduction_id"
				+ " FROM analytics.reproductions WHERE model = ?) AS same FROM analytics.reproduction_jobs WHERE model = ?",
				this.model, this.model))
			.singleElement()
			.isEqualTo(Map.of("version", 2, "status", "succeeded", "verdict", "identical", "same", true));
		assertThat(this.jdbc.queryForMap(
				"SELECT row_count, stored_bytes, kind FROM analytics.dataset_snapshots WHERE dataset_id = ?",
				this.dataset))
			.isEqualTo(this.jdbc.queryForMap("SELECT row_count, octet_length(content) AS stored_bytes, kind"
					+ " FROM dataset_snapshots WHERE id = ?", this.dataset));
		assertThat(this.jdbc.queryForObject(
				"SELECT sum(instances) FROM analytics.drift_windows WHERE model = ? AND version = 1", Long.class,
				this.model))
			.isEqualTo(1);
	}

	@Test
	void theAnalystRoleReadsTheViewsAndNothingElseAndWritesNowhere() {
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET ROLE reproserve_analyst");
				try {
					try (ResultSet rs = statement.executeQuery(
							"SELECT count(*) FROM analytics.model_versions WHERE model = '" + this.model + "'")) {
						rs.next();
						assertThat(rs.getLong(1)).isEqualTo(2);
					}
					for (String view : List.of("alias_timeline", "reproductions", "training_jobs", "reproduction_jobs",
							"dataset_snapshots", "drift_windows")) {
						try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM analytics." + view)) {
							assertThat(rs.next()).isTrue();
						}
					}
					refused(connection, "SELECT count(*) FROM model_versions");
					refused(connection, "SELECT content FROM bundles LIMIT 1");
					refused(connection, "SELECT count(*) FROM api_keys");
					refused(connection, "UPDATE analytics.dataset_snapshots SET name = 'x'");
					refused(connection, "DELETE FROM analytics.training_jobs");
					refused(connection, "INSERT INTO analytics.dataset_snapshots (dataset_id) VALUES ('x')");
					refused(connection, "CREATE TABLE analytics.mine (x int)");
				}
				finally {
					statement.execute("RESET ROLE");
				}
			}
			return null;
		});
		assertThat(this.jdbc.queryForObject("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'reproserve_analyst'",
				Boolean.class))
			.isFalse();
	}

	private static void refused(Connection connection, String sql) throws SQLException {
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			assertThatThrownBy(() -> statement.execute(sql)).as(sql)
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("permission denied");
		}
		finally {
			connection.rollback();
			connection.setAutoCommit(true);
		}
	}

}
