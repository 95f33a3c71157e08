package dev.reproserve.datasets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestSources;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.problem;
import static dev.reproserve.support.ProblemAssert.problems;
import static dev.reproserve.support.TestData.penguinsSpec;
import static dev.reproserve.support.TestData.request;
import static dev.reproserve.support.TestData.uniqueModel;
import static dev.reproserve.support.TestSources.MARIA;
import static dev.reproserve.support.TestSources.PG;
import static dev.reproserve.support.TestSources.loadPenguins;
import static dev.reproserve.support.TestSources.penguinsWithIds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dataset snapshots of queries on real SQL sources, a PostgreSQL database and a MariaDB
 * database ({@link TestSources}): only totally ordered results are taken, the same rows
 * give the same id on both engines and as an upload, {@code :asOf} gives the view of a
 * moment, the limits and the read-only transaction hold, and a reference snapshot's query
 * runs again for trainings and reproductions and is refused once its source changed.
 */
@ReproserveTest
class SqlSourceSnapshotsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TestSources SOURCES = TestSources.shared();

	private ReproserveClient client;

	@Autowired
	void client(RestTestClient rest) {
		this.client = new ReproserveClient(rest);
	}

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void sameRowsGiveTheSameIdOnBothEnginesAndAsTheUploadOfTheirCsv() {
		String table = table("penguins");
		byte[] csv = penguinsWithIds(ThreadLocalRandom.current().nextLong());
		loadPenguins(PG, table, csv);
		loadPenguins(MARIA, table, csv);
		String sql = "SELECT * FROM " + table + " ORDER BY id";

		Response fromPostgres = snapshot(PG, sql, null, "data");
		assertThat(fromPostgres.statusCode()).as(fromPostgres.body()).isEqualTo(201);
		JsonNode taken = fromPostgres.json();
		String id = taken.path("id").asString();
		assertThat(id).isEqualTo(TestData.datasetId(csv));
		assertThat(taken.path("kind").asString()).isEqualTo("stored");
		assertThat(taken.path("source").asString()).isEqualTo(PG);
		assertThat(taken.path("query").asString()).isEqualTo(sql);
		assertThat(taken.path("name").asString()).isEqualTo("pg-query.csv");
		assertThat(Instant.parse(taken.path("asOf").asString())).isBefore(Instant.now().plusSeconds(1));
		assertThat(taken.path("rowCount").asLong()).isEqualTo(344);
		assertThat(taken.path("columns").findValuesAsString("type")).containsExactly("numeric", "categorical",
				"categorical", "numeric", "numeric", "numeric", "numeric", "categorical");
		assertThat(taken.path("columns").get(3).path("missing").asLong()).isEqualTo(2);
		assertThat(this.client.get("/api/v1/datasets/" + id + "/data").bytes())
			.isEqualTo(CsvTable.parse(csv).canonicalBytes());

		// The same rows from MariaDB, and as a file: the snapshot that exists.
		Response fromMariaDb = snapshot(MARIA, sql, null, "data");
		assertThat(fromMariaDb.statusCode()).as(fromMariaDb.body()).isEqualTo(200);
		assertThat(fromMariaDb.json().path("id").asString()).isEqualTo(id);
		assertThat(this.client.upload(csv, "penguins.csv").path("id").asString()).isEqualTo(id);
		assertThat(this.jdbc.queryForObject(
				"SELECT source || ' ' || query FROM analytics.dataset_snapshots" + " WHERE dataset_id = ?",
				String.class, id))
			.isEqualTo("pg " + sql);
	}

	@Test
	void writesEachTypeAsTheTextOfItsCsvCellOnBothEngines() {
		String table = table("types");
		int marker = ThreadLocalRandom.current().nextInt(1000, 1_000_000);
		SOURCES.execute(PG, "CREATE TABLE " + table + " (id integer PRIMARY KEY, name varchar(40), score numeric(6,2),"
				+ " ratio double precision, small real, ok boolean, born date, seen timestamptz, wall timestamp,"
				+ " note text)", typesRows(table, marker));
		SOURCES.execute(MARIA,
				"CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40), score DECIMAL(6,2),"
						+ " ratio DOUBLE, small FLOAT, ok BOOLEAN, born DATE, seen TIMESTAMP(6) NULL, wall DATETIME(6),"
						+ " note TEXT)",
				typesRows(table, marker));
		String expected = """
				id,name,score,ratio,small,ok,born,seen,wall,note
				%d,"Zürich, ""centre\""",1.5,0.1,0.1,true,2000-02-29,2025-01-31T23:00:00.500Z,2025-01-31T23:00:00Z,
				%d,Köln,2,0.0000001,3.5,false,1999-12-31,2025-02-01T00:00:00Z,2025-02-01T00:00:00.123456Z,"two
				lines"
				%d,,-0.25,3,-1.5,,,,,
				""".formatted(marker, marker + 1, marker + 2);
		String sql = "SELECT id, name, score, ratio, small, ok, born, seen, wall, note FROM " + table + " ORDER BY id";

		String fromPostgres = taken(snapshot(PG, sql, null, "data")).path("id").asString();
		String fromMariaDb = taken(snapshot(MARIA, sql, null, "data")).path("id").asString();

		assertThat(fromPostgres).isEqualTo(TestData.datasetId(expected.getBytes(StandardCharsets.UTF_8)));
		assertThat(fromMariaDb).isEqualTo(fromPostgres);
		assertThat(this.client.get("/api/v1/datasets/" + fromPostgres + "/data").body()).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { PG, MARIA })
	void refusesAQueryWithoutTopLevelOrderBy(String source) {
		String table = keyedTable(source);
		for (String sql : List.of("SELECT id, name FROM " + table,
				"SELECT * FROM (SELECT id, name FROM " + table + " ORDER BY id) AS s")) {
			JsonNode refused = problem(snapshot(source, sql, null, "data"), 422, "nondeterministic-order",
					"Query result has no guaranteed order");
			assertThat(refused.path("detail").asString()).contains("no top-level ORDER BY");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { PG, MARIA })
	void refusesAnOrderWhoseColumnsRepeatNamingTheDuplicateKeys(String source) {
		String table = table("groups");
		SOURCES.execute(source, "CREATE TABLE " + table + " (grp integer, id integer, name varchar(10))",
				"INSERT INTO " + table + " VALUES (1, 1, 'abc'), (1, 2, 'ABC'), (2, 3, 'x'), (2, 4, 'y'), (2, 5, 'z'),"
						+ " (3, 6, 'Ábc')");

		JsonNode refused = problem(snapshot(source, "SELECT grp, id FROM " + table + " ORDER BY grp", null, "data"),
				422, "nondeterministic-order");

		assertThat(refused.path("orderBy").get(0).asString()).isEqualTo("grp");
		assertThat(refused.path("duplicateRows").asLong()).isEqualTo(3);
		assertThat(refused.path("duplicates").get(0).toString())
			.isEqualTo("{\"fromRow\":1,\"toRow\":2,\"key\":{\"grp\":\"1\"}}");
		assertThat(refused.path("duplicates").get(1).toString())
			.isEqualTo("{\"fromRow\":3,\"toRow\":5,\"key\":{\"grp\":\"2\"}}");
		assertThat(refused.path("detail").asString()).contains("[grp]", "rows 1 and 2 share {grp=1}",
				"rows 3 to 5 share {grp=2}");

		// Text that differs only in case or accents: a collation may take it for equal.
		JsonNode folded = problem(
				snapshot(source, "SELECT name FROM " + table + " WHERE grp <> 2 ORDER BY name", null, "data"), 422,
				"nondeterministic-order");
		assertThat(folded.path("duplicateRows").asLong()).isEqualTo(2);
		assertThat(folded.path("detail").asString()).contains("letter case, accents");

		assertThat(taken(snapshot(source, "SELECT grp, id FROM " + table + " ORDER BY grp, id", null, "data"))
			.path("rowCount")
			.asLong()).isEqualTo(6);
	}

	@ParameterizedTest
	@ValueSource(strings = { PG, MARIA })
	void ordersByPositionAliasOrQualifiedName(String source) {
		String table = keyedTable(source);
		String select = "SELECT t.id AS k, t.name, t.id + 0 AS k2 FROM " + table + " t ORDER BY ";
		List<String> ids = new ArrayList<>();
		for (String orderBy : List.of("1", "k", "K", "t.id", "k2", "t.id + 0", "t.name, k")) {
			ids.add(taken(snapshot(source, select + orderBy, null, "data")).path("id").asString());
		}
		assertThat(ids).containsOnly(ids.get(0));

		for (String orderBy : List.of("t.name DESC, id", "lower(t.name)")) {
			JsonNode refused = problem(snapshot(source, select + orderBy, null, "data"), 422, "nondeterministic-order");
			assertThat(refused.path("detail").asString()).contains("is not a column of the result");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { PG, MARIA })
	void showsTheDataAsOfTheGivenMoment(String source) {
		String table = table("prices");
		int item = ThreadLocalRandom.current().nextInt(1000, 1_000_000);
		SOURCES.execute(source, "CREATE TABLE " + table + " (item integer, price numeric(6,2), valid_from "
				+ (source.equals(PG) ? "timestamptz, valid_to timestamptz)" : "DATETIME(6), valid_to DATETIME(6))"),
				"INSERT INTO " + table + " VALUES (" + item + ", 10.00, '2025-01-01 00:00:00', '2025-02-01 00:00:00'),"
						+ " (" + item + ", 12.00, '2025-02-01 00:00:00', NULL), (" + (item + 1)
						+ ", 5.00, '2025-01-10 00:00:00', NULL)");
		String sql = "SELECT item, price FROM " + table
				+ " WHERE valid_from <= :asOf AND (valid_to IS NULL OR valid_to > :asOf) ORDER BY item";

		JsonNode january = taken(snapshot(source, sql, "2025-01-15T00:00:00Z", "data"));
		JsonNode march = taken(snapshot(source, sql, "2025-03-01T00:00:00Z", "data"));
		JsonNode lastMicroOfJanuary = taken(snapshot(source, sql, "2025-01-31T23:59:59.999999Z", "data"));

		assertThat(january.path("id").asString())
			.isEqualTo(datasetId("item,price\n" + item + ",10\n" + (item + 1) + ",5\n"));
		assertThat(march.path("id").asString())
			.isEqualTo(datasetId("item,price\n" + item + ",12\n" + (item + 1) + ",5\n"));
		assertThat(lastMicroOfJanuary.path("id").asString()).isEqualTo(january.path("id").asString());

		JsonNode required = problem(snapshot(source, sql, null, "data"), 422, "invalid-dataset");
		assertThat(problems(required)).singleElement().asString().contains("'asOf' is required");
		JsonNode future = problem(snapshot(source, sql, Instant.now().plusSeconds(3600).toString(), "data"), 422,
				"invalid-dataset");
		assertThat(problems(future)).singleElement().asString().contains("in the future");
	}

	@ParameterizedTest
	@ValueSource(strings = { TestSources.PG_TIGHT, TestSources.MARIA_TIGHT })
	void refusesAResultOverTheSourcesLimitsRatherThanCuttingIt(String source) {
		JsonNode rows = problem(snapshot(source,
				"SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 ORDER BY n", null, "data"), 422,
				"query-limit-exceeded");
		assertThat(rows.path("limit").asString()).isEqualTo("max-rows");
		assertThat(rows.path("value").asInt()).isEqualTo(3);

		JsonNode bytes = problem(snapshot(source, "SELECT 1 AS id, REPEAT('x', 400) AS pad ORDER BY id", null, "data"),
				422, "query-limit-exceeded");
		assertThat(bytes.path("limit").asString()).isEqualTo("max-size");

		assertThat(
				taken(snapshot(source, "SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 ORDER BY n", null, "data"))
					.path("rowCount")
					.asLong())
			.isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { TestSources.PG_TIGHT, TestSources.MARIA_TIGHT })
	void cancelsAQueryOverTheStatementTimeout(String source) {
		String sleep = source.equals(TestSources.PG_TIGHT) ? "SELECT 1 AS s FROM pg_sleep(10) ORDER BY 1"
				: "SELECT SLEEP(10) AS s ORDER BY 1";
		long started = System.nanoTime();

		JsonNode refused = problem(snapshot(source, sleep, null, "data"), 422, "query-limit-exceeded");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(refused.path("limit").asString()).isEqualTo("statement-timeout");
		assertThat(refused.path("detail").asString()).contains("longer than source '" + source + "' allows");
	}

	@ParameterizedTest
	@ValueSource(strings = { PG, MARIA })
	void refusesWritesThroughTheSource(String source) {
		String table = table("audit");
		String function = table + "_write";
		SOURCES.execute(source, "CREATE TABLE " + table + " (n integer)",
				source.equals(PG)
						? "CREATE FUNCTION " + function + "() RETURNS integer LANGUAGE sql AS $$ INSERT INTO " + table
								+ " VALUES (1) RETURNING n $$"
						: "CREATE FUNCTION " + function + "() RETURNS INT MODIFIES SQL DATA BEGIN INSERT INTO " + table
								+ " VALUES (1); RETURN 1; END");

		JsonNode refused = problem(snapshot(source, "SELECT " + function + "() AS n ORDER BY n", null, "data"), 422,
				"invalid-query");

		// The database's own refusal (SQLSTATE 25006, read-only transaction), not the
		// parser's.
		assertThat(refused.path("sqlState").asString()).isEqualTo("25006");
		assertThat(refused.path("detail").asString()).containsAnyOf("cannot execute INSERT in a read-only transaction",
				"Cannot execute statement in a READ ONLY transaction");
		assertThat(SOURCES.count(source, "SELECT count(*) FROM " + table)).isZero();
		JsonNode insert = problem(snapshot(source, "INSERT INTO " + table + " VALUES (2)", null, "data"), 422,
				"invalid-query");
		assertThat(insert.path("detail").asString()).contains("not a SELECT but INSERT");
		assertThat(SOURCES.count(source, "SELECT count(*) FROM " + table)).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { PG, MARIA })
	void refusesAnythingButOneSelectAndPassesOnTheDatabasesOwnErrors(String source) {
		String table = keyedTable(source);
		assertThat(problem(
				snapshot(source, "SELECT id FROM " + table + " ORDER BY id; DELETE FROM " + table, null, "data"), 422,
				"invalid-query")
			.path("detail")
			.asString()).contains("holds 2 statements");
		assertThat(problem(snapshot(source, "SELECT id FROM " + table + " WHERE id > :since ORDER BY id", null, "data"),
				422, "invalid-query")
			.path("detail")
			.asString()).contains("uses :since");
		assertThat(problem(snapshot(source, "SELECT id FROM " + table + " ORDER BY id FOR UPDATE", null, "data"), 422,
				"invalid-query")
			.path("detail")
			.asString()).contains("locks rows");
		assertThat(problem(snapshot(source, "SELEKT id ORDER BY id", null, "data"), 422, "invalid-query").path("detail")
			.asString()).contains("the SQL parser cannot read it");

		JsonNode missing = problem(snapshot(source, "SELECT id FROM no_such_table_here ORDER BY id", null, "data"), 422,
				"invalid-query");
		assertThat(missing.path("detail").asString()).contains("refused the query", "no_such_table_here");
		assertThat(missing.path("sqlState").asString()).isNotBlank();
		JsonNode empty = problem(
				snapshot(source, "SELECT id FROM " + table + " WHERE id < 0 ORDER BY id", null, "data"), 422,
				"invalid-dataset");
		assertThat(problems(empty)).singleElement().asString().contains("returned no rows");
	}

	@ParameterizedTest
	@ValueSource(strings = { PG, MARIA })
	void trainsAndReproducesFromAReferenceByRunningItsQueryAgainUntilTheSourceChanges(String source) {
		String table = table("penguins");
		byte[] csv = penguinsWithIds(ThreadLocalRandom.current().nextLong());
		loadPenguins(source, table, csv);
		Response response = snapshot(source, "SELECT * FROM " + table + " ORDER BY id", "2025-06-01T00:00:00Z",
				"reference");
		JsonNode reference = taken(response);
		String dataset = reference.path("id").asString();
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(dataset).isEqualTo(TestData.datasetId(csv));
		assertThat(reference.path("kind").asString()).isEqualTo("reference");
		assertThat(reference.path("storedBytes").isNull()).isTrue();
		assertThat(reference.path("sizeBytes").asLong()).isEqualTo(CsvTable.parse(csv).canonicalBytes().length);
		assertThat(this.jdbc.queryForObject("SELECT content IS NULL FROM dataset_snapshots WHERE id = ?", Boolean.class,
				dataset))
			.isTrue();
		problem(this.client.get("/api/v1/datasets/" + dataset + "/data"), 409, "dataset-has-no-data");

		// The training sends no data: the recorded query runs again.
		String model = uniqueModel("query-reference");
		String training = request(model, dataset, penguinsSpec("cart", "{\"maxDepth\": 4}"), "tests");
		JsonNode job = this.client.train(training);
		assertThat(job.path("datasetId").asString()).isEqualTo(dataset);
		assertThat(this.client.reproduced(model, 1).path("verdict").asString()).isEqualTo("identical");
		String reproductions = ReproserveClient.reproductions(model, 1);
		long recorded = this.client.getJson(reproductions).path("totalItems").asLong();

		SOURCES.execute(source, "UPDATE " + table + " SET body_mass_g = body_mass_g + 1 WHERE id = 7");

		JsonNode changed = problem(this.client.reproduce(model, 1), 422, "dataset-mismatch");
		assertThat(changed.path("detail").asString()).contains("The source changed since the snapshot",
				"source '" + source + "'", "as of 2025-06-01T00:00:00Z");
		assertThat(changed.path("expectedSha256").asString()).isEqualTo(dataset);
		assertThat(changed.path("actualSha256").asString()).isNotEqualTo(dataset).hasSize(64);
		assertThat(this.client.getJson(reproductions).path("totalItems").asLong()).isEqualTo(recorded);
		problem(this.client.submit(training), 422, "dataset-mismatch");

		// Back as it was, the query gives the snapshot again.
		SOURCES.execute(source, "UPDATE " + table + " SET body_mass_g = body_mass_g - 1 WHERE id = 7");
		assertThat(this.client.reproduced(model, 1).path("verdict").asString()).isEqualTo("identical");
	}

	@Test
	void refusesToRunAReferenceQueryOnASourceNoLongerConfigured() {
		byte[] random = new byte[32];
		ThreadLocalRandom.current().nextBytes(random);
		String dataset = HexFormat.of().formatHex(random);
		this.jdbc.update("INSERT INTO dataset_snapshots (id, kind, name, source, query, as_of, columns, row_count,"
				+ " size_bytes, created_at, created_by) VALUES (?, 'reference', 'old.csv', 'retired',"
				+ " 'SELECT 1 AS a ORDER BY a', now(), '[]', 1, 4, now(), 'tests')", dataset);

		JsonNode refused = problem(
				this.client.submit(request(uniqueModel("retired"), dataset, penguinsSpec("cart", "{}"), "tests")), 409,
				"source-not-configured", "Source not configured");

		assertThat(refused.path("source").asString()).isEqualTo("retired");
		assertThat(refused.path("configuredSources").toString()).contains("\"maria\"", "\"pg\"");
		assertThat(refused.path("detail").asString()).contains("reproserve.sources.retired.url");
	}

	@Test
	void refusesAnUnknownSourceNamingTheConfiguredOnes() {
		JsonNode refused = problem(snapshot("warehouse", "SELECT 1 AS a ORDER BY a", null, "data"), 422,
				"invalid-dataset");

		assertThat(problems(refused)).singleElement()
			.asString()
			.contains("'warehouse'", "not a configured source", "maria", "pg");
	}

	@Test
	void answersUnavailableWithRetryAfterWhenTheSourceCannotBeReached() {
		Response response = snapshot(TestSources.DOWN, "SELECT 1 AS a ORDER BY a", null, "data");

		JsonNode refused = problem(response, 503, "source-unavailable", "Source unavailable");
		assertThat(response.header("Retry-After")).hasValue("5");
		assertThat(refused.path("source").asString()).isEqualTo(TestSources.DOWN);
		assertThat(response.body()).doesNotContain("127.0.0.1", "nobody");
	}

	@Test
	void refusesBadBodyMembersListingEachOne() {
		assertThat(problems(
				problem(this.client.postJson("/api/v1/datasets", "{\"kind\": \"query\"}"), 422, "invalid-dataset")))
			.hasSize(3)
			.anySatisfy((p) -> assertThat(p).startsWith("'source' must name"))
			.anySatisfy((p) -> assertThat(p).startsWith("'sql' must be the query"))
			.anySatisfy((p) -> assertThat(p).startsWith("'keep' must say what to keep"));
		assertThat(problems(problem(this.client.postJson("/api/v1/datasets", """
				{"kind": "query", "source": "pg", "sql": "SELECT 1 AS a ORDER BY a", "keep": "copy",
				 "asOf": "yesterday", "sha256": "ab"}"""), 422, "invalid-dataset"))).hasSize(3)
			.anySatisfy((p) -> assertThat(p).contains("'sha256' and 'rowCount' belong to a declared reference"))
			.anySatisfy((p) -> assertThat(p).contains("'keep' is 'copy'"))
			.anySatisfy((p) -> assertThat(p).contains("'asOf' must be an ISO-8601 instant"));
		assertThat(problems(problem(this.client.postJson("/api/v1/datasets", """
				{"kind": "reference", "sha256": "%s", "source": "x", "asOf": "2025-01-01T00:00:00Z",
				 "sql": "SELECT 1"}""".formatted("a".repeat(64))), 422, "invalid-dataset"))).singleElement()
			.asString()
			.contains("belong to a query snapshot");
		assertThat(problems(
				problem(this.client.postJson("/api/v1/datasets", "{\"kind\": \"table\"}"), 422, "invalid-dataset")))
			.singleElement()
			.asString()
			.contains("\"kind\": \"query\"");
		problem(this.client.postJson("/api/v1/datasets",
				"{\"kind\": \"query\", \"source\": \"pg\", \"sql\": \"SELECT 1 AS a ORDER BY a\", \"colour\": 1}"), 400,
				"malformed-request");
	}

	// Helpers

	/** {@code POST /api/v1/datasets} with a query. */
	private Response snapshot(String source, String sql, String asOf, String keep) {
		ObjectNode body = JSON.createObjectNode();
		body.put("kind", "query");
		body.put("source", source);
		body.put("sql", sql);
		if (asOf != null) {
			body.put("asOf", asOf);
		}
		body.put("keep", keep);
		return this.client.postJson("/api/v1/datasets", JSON.writeValueAsString(body));
	}

	private static JsonNode taken(Response response) {
		assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
		return response.json();
	}

	private static String table(String prefix) {
		return prefix + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

	private static String datasetId(String csv) {
		return TestData.datasetId(csv.getBytes(StandardCharsets.UTF_8));
	}

	/** A table of three rows with a key, {@code id}, and a {@code name}. */
	private static String keyedTable(String source) {
		String table = table("keyed");
		SOURCES.execute(source, "CREATE TABLE " + table + " (id integer PRIMARY KEY, name varchar(10))",
				"INSERT INTO " + table + " VALUES (2, 'b'), (1, 'a'), (3, 'c')");
		return table;
	}

	private static String typesRows(String table, int marker) {
		return "INSERT INTO " + table + " VALUES (" + marker + ", 'Zürich, \"centre\"', 1.50, 0.1, 0.1, true,"
				+ " '2000-02-29', '2025-01-31 23:00:00.5', '2025-01-31 23:00:00', NULL), (" + (marker + 1)
				+ ", 'Köln', 2.00, 1e-7, 3.5, false, '1999-12-31', '2025-02-01 00:00:00',"
				+ " '2025-02-01 00:00:00.123456', 'two\nlines'), (" + (marker + 2)
				+ ", NULL, -0.25, 3.0, -1.5, NULL, NULL, NULL, NULL, '')";
	}

}
