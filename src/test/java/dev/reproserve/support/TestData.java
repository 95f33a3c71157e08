package dev.reproserve.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.reproserve.datasets.CsvTable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data the HTTP tests share (penguins, iris, specs and request bodies, unique model
 * names) and their direct database access (row counts, altering a stored snapshot).
 */
public final class TestData {

	/**
	 * First key of the training jobs' advisory locks (JobOwnership.LOCK_SPACE, "REPJ").
	 */
	public static final int JOB_LOCK_SPACE = 0x5245504A;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TestData() {
	}

	// Data

	/** Palmer penguins with empty cells in the measurements and in {@code sex}. */
	public static byte[] penguins() {
		return TestModels.resource("datasets/penguins.csv");
	}

	public static byte[] iris() {
		return TestModels.resource("examples/iris.csv");
	}

	/** The dataset id data gets as a snapshot: the SHA-256 of its canonical CSV. */
	public static String datasetId(byte[] csv) {
		return CsvTable.parse(csv).sha256();
	}

	/**
	 * The same table with its rows in a random order: other data (another snapshot id)
	 * that trains just as well, so that a test owns its snapshot in the shared database.
	 */
	public static byte[] shuffled(byte[] csv, long seed) {
		CsvTable table = CsvTable.parse(csv);
		List<List<String>> rows = new ArrayList<>(table.rows());
		Collections.shuffle(rows, new Random(seed));
		return csv(table.header(), rows);
	}

	/** A table as CSV; its cells must need no quoting. */
	public static byte[] csv(List<String> header, List<List<String>> rows) {
		StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
		for (List<String> row : rows) {
			row.forEach((cell) -> assertThat(cell).doesNotContain(",", "\"", "\n"));
			text.append(String.join(",", row)).append('\n');
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	public static byte[] gzip(byte[] content) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	public static String uniqueModel(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** The penguins spec of the tests, with a transformation of every kind. */
	public static String penguinsSpec(String trainer, String hyperparameters) {
		return """
				{"formatVersion": 1, "task": "classification", "target": "species",
				 "features": [
				   {"name": "island", "type": "categorical", "unseenCategory": "zeros"},
				   {"name": "bill_length_mm", "type": "numeric", "missing": "median", "scaling": "standardize"},
				   {"name": "bill_depth_mm", "type": "numeric", "missing": "median", "scaling": "standardize"},
				   {"name": "flipper_length_mm", "type": "numeric", "missing": "mean", "scaling": "min-max"},
				   {"name": "sex", "type": "categorical", "missing": "most-frequent"}],
				 "trainer": {"type": "%s", "hyperparameters": %s},
				 "seed": 11, "split": {"testFraction": 0.3, "seed": 5}}
				""".formatted(trainer, hyperparameters);
	}

	/** The built-in example's spec: logistic regression on the iris measurements. */
	public static String irisSpec() {
		return TestModels.irisSpecJson();
	}

	/** The body of {@code POST /api/v1/trainings}. */
	public static String request(String model, String datasetId, String spec, String actor) {
		ObjectNode request = JSON.createObjectNode();
		request.put("modelName", model);
		request.put("datasetId", datasetId);
		request.set("spec", JSON.readTree(spec));
		request.put("actor", actor);
		return JSON.writeValueAsString(request);
	}

	// Database

	public static long rows(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
	}

	/**
	 * Alters one byte of a stored bundle the way only a superuser can, with triggers off:
	 * the version fails its load check from then on (unless it is loaded already).
	 */
	public static void corruptStoredBundle(JdbcTemplate jdbc, String sha256) {
		jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (Statement statement = connection.createStatement();
					PreparedStatement update = connection.prepareStatement(
							"UPDATE bundles SET content = overlay(content placing '\\x00'::bytea from 200 for 1) WHERE sha256 = ?")) {
				statement.execute("SET session_replication_role = replica");
				try {
					update.setString(1, sha256);
					assertThat(update.executeUpdate()).isEqualTo(1);
				}
				finally {
					statement.execute("RESET session_replication_role");
				}
			}
			return null;
		});
	}

	/**
	 * Replaces a stored snapshot's content the way only a superuser can, with triggers
	 * off: a storage fault or tampering no client of the service can cause.
	 */
	public static void replaceSnapshotContent(JdbcTemplate jdbc, String datasetId, byte[] gzipped) {
		jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (Statement statement = connection.createStatement();
					PreparedStatement update = connection
						.prepareStatement("UPDATE dataset_snapshots SET content = ? WHERE id = ?")) {
				statement.execute("SET session_replication_role = replica");
				try {
					update.setBytes(1, gzipped);
					update.setString(2, datasetId);
					assertThat(update.executeUpdate()).isEqualTo(1);
				}
				finally {
					statement.execute("RESET session_replication_role");
				}
			}
			return null;
		});
	}

}
