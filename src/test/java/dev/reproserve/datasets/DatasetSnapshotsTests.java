package dev.reproserve.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.shared.DomainException;
import dev.reproserve.bundle.Sha256;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestModels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.PROBLEMS;
import static dev.reproserve.support.ProblemAssert.problem;
import static dev.reproserve.support.ProblemAssert.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Dataset snapshots as a client sees them, over real HTTP against real PostgreSQL:
 * content-addressed ids, column profiles, stored and reference snapshots, the problems
 * bad input gets, and immutability enforced by the database.
 */
@ReproserveTest
class DatasetSnapshotsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ReproserveClient client;

	@Autowired
	void client(RestTestClient rest) {
		this.client = new ReproserveClient(rest);
	}

	@Autowired
	DatasetSnapshots datasets;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void sameTableWrittenAnotherWayIsTheSameSnapshot() throws Exception {
		String marker = unique();
		String plain = "id,city,score\n" + marker + ",Zürich,1.5\n2,Köln,2\n";
		// BOM, CRLF, unnecessary quotes and no trailing newline: the same table.
		String windows = "\uFEFF\"id\",city,score\r\n" + marker + ",\"Zürich\",\"1.5\"\r\n2,Köln,2";

		Response first = postCsv("/api/v1/datasets?name=scores.csv&actor=alice", plain);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		JsonNode created = JSON.readTree(first.body());
		String id = created.path("id").asString();
		assertThat(id).isEqualTo(Sha256.hex(plain.getBytes(StandardCharsets.UTF_8)));
		assertThat(first.header("Location")).hasValue("/api/v1/datasets/" + id);
		assertThat(created.path("kind").asString()).isEqualTo("stored");
		assertThat(created.path("name").asString()).isEqualTo("scores.csv");
		assertThat(created.path("createdBy").asString()).isEqualTo("admin");
		long rows = rowCount();

		// Another caller uploading the same table finds the first one's snapshot.
		Response again = this.client.as(unique().substring(0, 20), "admin")
			.postParts("/api/v1/datasets",
					ReproserveClient.part("file", "windows.csv", "text/csv", windows.getBytes(StandardCharsets.UTF_8)));

		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(again.header("Location")).hasValue("/api/v1/datasets/" + id);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(rowCount()).isEqualTo(rows);
		assertThat(get("/api/v1/datasets/" + id).body()).isEqualTo(first.body());
	}

	@Test
	void anotherRowOrderIsAnotherSnapshot() throws Exception {
		String marker = unique();
		JsonNode one = created(postCsv("/api/v1/datasets", "k,v\n" + marker + ",1\nb,2\n"));
		JsonNode other = created(postCsv("/api/v1/datasets", "k,v\nb,2\n" + marker + ",1\n"));

		assertThat(other.path("id").asString()).isNotEqualTo(one.path("id").asString());
		assertThat(other.path("rowCount").asLong()).isEqualTo(one.path("rowCount").asLong()).isEqualTo(2);
		assertThat(one.path("name").asString()).isEqualTo("upload.csv");
		assertThat(one.path("createdBy").asString()).isEqualTo("admin");
	}

	@Test
	void profilesThePenguinsColumnsAndStoresThemCompressed() throws Exception {
		byte[] penguins = TestModels.resource("datasets/penguins.csv");
		String canonical = new String(penguins, StandardCharsets.UTF_8).replace("\r\n", "\n");

		Response response = postFile("/api/v1/datasets?actor=tests", "penguins.csv", penguins);

		assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
		JsonNode snapshot = JSON.readTree(response.body());
		String id = snapshot.path("id").asString();
		assertThat(id).isEqualTo(Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8)));
		assertThat(snapshot.path("rowCount").asLong()).isEqualTo(344);
		assertThat(columns(snapshot)).containsExactly("species categorical missing=0 distinct=3",
				"island categorical missing=0 distinct=3", "bill_length_mm numeric missing=2",
				"bill_depth_mm numeric missing=2", "flipper_length_mm numeric missing=2",
				"body_mass_g numeric missing=2", "sex categorical missing=11 distinct=2");
		long size = snapshot.path("sizeBytes").asLong();
		assertThat(size).isEqualTo(canonical.getBytes(StandardCharsets.UTF_8).length);
		assertThat(snapshot.path("storedBytes").asLong()).isPositive().isLessThan(size / 2);
		assertThat(this.jdbc.queryForObject("SELECT octet_length(content) FROM dataset_snapshots WHERE id = ?",
				Long.class, id))
			.isEqualTo(snapshot.path("storedBytes").asLong());
		assertThat(snapshot.path("asOf").isNull()).isTrue();
		assertThat(snapshot.path("source").isNull()).isTrue();
	}

	@Test
	void servesTheCanonicalBytesWhoseShaIsTheId() throws Exception {
		String marker = unique();
		String csv = "\uFEFFa,\"b\"\r\n" + marker + ",\"x, y\"\r\n\"2\",\"say \"\"hi\"\"\"\r\n";
		String canonical = "a,b\n" + marker + ",\"x, y\"\n2,\"say \"\"hi\"\"\"\n";
		String id = created(postCsv("/api/v1/datasets?name=quotes.csv", csv)).path("id").asString();

		Response data = get("/api/v1/datasets/" + id + "/data");

		assertThat(data.statusCode()).isEqualTo(200);
		assertThat(data.header("Content-Type")).hasValue("text/csv;charset=UTF-8");
		assertThat(data.body()).isEqualTo(canonical);
		assertThat(Sha256.hex(data.bytes())).isEqualTo(id);
		assertThat(data.header("ETag")).hasValue('"' + id + '"');
		assertThat(data.header("Reproserve-Dataset-Sha256")).hasValue(id);
		assertThat(data.header("Content-Disposition")).hasValueSatisfying(
				(disposition) -> assertThat(disposition).contains("attachment", "filename=\"quotes.csv\""));

		SnapshotData read = this.datasets.data(id);
		assertThat(read.intact()).isTrue();
		assertThat(read.table().rows()).containsExactly(List.of(marker, "x, y"), List.of("2", "say \"hi\""));
	}

	@Test
	void listsSnapshotsNewestFirst() throws Exception {
		String older = created(postCsv("/api/v1/datasets", "n\n" + unique() + "\n")).path("id").asString();
		String newer = created(postCsv("/api/v1/datasets", "n\n" + unique() + "\n")).path("id").asString();

		JsonNode page = JSON.readTree(get("/api/v1/datasets?size=2").body());

		assertThat(page.path("items").size()).isEqualTo(2);
		assertThat(page.path("items").get(0).path("id").asString()).isEqualTo(newer);
		assertThat(page.path("items").get(1).path("id").asString()).isEqualTo(older);
		assertThat(page.path("page").asInt()).isZero();
		assertThat(page.path("size").asInt()).isEqualTo(2);
		assertThat(page.path("totalItems").asLong()).isEqualTo(rowCount());
		assertThat(page.path("totalPages").asLong()).isEqualTo((rowCount() + 1) / 2);
		assertThat(JSON.readTree(get("/api/v1/datasets?page=1000000&size=100").body()).path("items")).isEmpty();
	}

	@Test
	void referenceSnapshotKeepsTheFingerprintAndChecksSuppliedData() throws Exception {
		String marker = unique();
		String warehouse = "customer,spend\n" + marker + ",10.5\nc2,7\n";
		String sha = CsvTable.parse(warehouse.getBytes(StandardCharsets.UTF_8)).sha256();
		String body = """
				{"kind": "reference", "sha256": "%s", "source": "warehouse: SELECT customer, spend FROM sales",
				 "asOf": "2025-01-31T23:00:00Z", "rowCount": 2}""".formatted(sha);

		Response response = postJson("/api/v1/datasets?actor=carol", body);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(response.header("Location")).hasValue("/api/v1/datasets/" + sha);
		JsonNode snapshot = JSON.readTree(response.body());
		assertThat(snapshot.path("id").asString()).isEqualTo(sha);
		assertThat(snapshot.path("kind").asString()).isEqualTo("reference");
		assertThat(snapshot.path("source").asString()).isEqualTo("warehouse: SELECT customer, spend FROM sales");
		assertThat(snapshot.path("asOf").asString()).isEqualTo("2025-01-31T23:00:00Z");
		assertThat(snapshot.path("rowCount").asLong()).isEqualTo(2);
		assertThat(snapshot.path("columns")).isEmpty();
		assertThat(snapshot.path("sizeBytes").isNull()).isTrue();
		assertThat(snapshot.path("storedBytes").isNull()).isTrue();
		assertThat(snapshot.path("createdBy").asString()).isEqualTo("admin");
		assertThat(this.jdbc.queryForObject("SELECT content IS NULL FROM dataset_snapshots WHERE id = ?", Boolean.class,
				sha))
			.isTrue();
		Response again = postJson("/api/v1/datasets?actor=dave", body);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(response.body());

		JsonNode noData = problem(get("/api/v1/datasets/" + sha + "/data", "text/csv"), 409, "dataset-has-no-data",
				"Dataset has no data");
		assertThat(noData.path("datasetId").asString()).isEqualTo(sha);
		assertThat(noData.path("source").asString()).contains("warehouse");

		String changed = warehouse.replace("10.5", "10.6");
		DatasetMismatchException mismatch = catchThrowableOfType(DatasetMismatchException.class,
				() -> this.datasets.verifySupplied(sha, changed.getBytes(StandardCharsets.UTF_8)));
		assertThat(mismatch).isNotNull();
		assertThat(mismatch.kind()).isEqualTo(DomainException.Kind.INVALID);
		assertThat(DomainException.typeOf(mismatch.slug())).isEqualTo(PROBLEMS + "dataset-mismatch");
		assertThat(mismatch.members()).containsEntry("datasetId", sha)
			.containsEntry("expectedSha256", sha)
			.containsEntry("actualSha256", Sha256.hex(changed.getBytes(StandardCharsets.UTF_8)));
		assertThat(mismatch.detail()).contains("as of 2025-01-31T23:00:00Z", "row order");

		CsvTable supplied = this.datasets.verifySupplied(sha,
				("\uFEFF" + warehouse.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));
		assertThat(supplied.sha256()).isEqualTo(sha);
		assertThat(supplied.rows()).hasSize(2);
	}

	@Test
	void verifiesSuppliedDataForStoredSnapshotsToo() throws Exception {
		String csv = "a,b\n" + unique() + ",1\n";
		String id = created(postCsv("/api/v1/datasets", csv)).path("id").asString();

		assertThat(
				this.datasets.verifySupplied(id, csv.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)).sha256())
			.isEqualTo(id);
		assertThatThrownBy(() -> this.datasets.verifySupplied(id, (csv + "2,2\n").getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(DatasetMismatchException.class);
	}

	@Test
	void reportsDataAlteredInTheDatabaseWithoutThrowing() throws Exception {
		// No client can alter a snapshot (the table refuses UPDATE), so this plays a
		// storage fault: a row whose content does not hash to its id.
		String recorded = "a,b\n" + unique() + ",1\n";
		String stored = recorded.replace(",1", ",2");
		String id = Sha256.hex(recorded.getBytes(StandardCharsets.UTF_8));
		this.jdbc.update("INSERT INTO dataset_snapshots (id, kind, name, columns, row_count, size_bytes, content, "
				+ "created_at, created_by) VALUES (?, 'stored', 'altered.csv', '[]', 1, ?, ?, now(), 'storage-fault')",
				id, recorded.length(), gzip(stored));

		SnapshotData data = this.datasets.data(id);

		assertThat(data.intact()).isFalse();
		assertThat(data.actualSha256()).isEqualTo(Sha256.hex(stored.getBytes(StandardCharsets.UTF_8)));
		assertThat(new String(data.content(), StandardCharsets.UTF_8)).isEqualTo(stored);
		assertThat(data.table().rows().get(0).get(1)).isEqualTo("2");
		JsonNode problem = problem(get("/api/v1/datasets/" + id + "/data"), 409, "dataset-data-altered",
				"Dataset data altered");
		assertThat(problem.path("datasetId").asString()).isEqualTo(id);
		assertThat(problem.path("actualSha256").asString()).isEqualTo(data.actualSha256());
	}

	@ParameterizedTest
	@ValueSource(strings = { "UPDATE dataset_snapshots SET created_by = 'someone else' WHERE id = ?",
			"UPDATE dataset_snapshots SET content = NULL, kind = 'reference' WHERE id = ?",
			"DELETE FROM dataset_snapshots WHERE id = ?" })
	void databaseRefusesChangingASnapshot(String sql) throws Exception {
		String id = created(postCsv("/api/v1/datasets?actor=tests", "x\n" + unique() + "\n")).path("id").asString();

		assertThatThrownBy(() -> this.jdbc.update(sql, id))
			.hasMessageContaining("on dataset_snapshots is refused: the table is append-only");
		assertThat(this.jdbc.queryForObject("SELECT created_by FROM dataset_snapshots WHERE id = ?", String.class, id))
			.isEqualTo("admin");
	}

	@Test
	void databaseRefusesTruncate() throws Exception {
		created(postCsv("/api/v1/datasets", "x\n" + unique() + "\n"));
		long rows = rowCount();

		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE dataset_snapshots"))
			.hasMessageContaining("TRUNCATE on dataset_snapshots is refused");
		assertThat(rowCount()).isEqualTo(rows);
	}

	@Test
	void databaseRefusesInconsistentRows() {
		String id = Sha256.hex(unique().getBytes(StandardCharsets.UTF_8));

		assertThatThrownBy(() -> this.jdbc.update(
				"INSERT INTO dataset_snapshots (id, kind, name, columns, row_count, size_bytes, created_at, created_by) "
						+ "VALUES (?, 'stored', 'x.csv', '[]', 1, 1, now(), 'tests')",
				id))
			.hasMessageContaining("dataset_snapshots_kind_content");
		assertThatThrownBy(() -> this.jdbc
			.update("INSERT INTO dataset_snapshots (id, kind, source, as_of, columns, content, created_at, created_by) "
					+ "VALUES (?, 'reference', 'somewhere', now(), '[]', '\\x00', now(), 'tests')", id))
			.hasMessageContaining("dataset_snapshots_kind_content");
		assertThatThrownBy(
				() -> this.jdbc.update(
						"INSERT INTO dataset_snapshots (id, kind, source, as_of, columns, created_at, created_by) "
								+ "VALUES (?, 'reference', 'somewhere', now(), '[]', now(), 'tests')",
						id.toUpperCase()))
			.hasMessageContaining("dataset_snapshots_id_check");
	}

	@Test
	void rejectsTextThatIsNotUtf8() throws Exception {
		long rows = rowCount();

		JsonNode problem = problem(
				post("/api/v1/datasets", "text/csv", "name\ncafé\n".getBytes(StandardCharsets.ISO_8859_1)), 422,
				"invalid-dataset", "Invalid dataset");

		assertThat(problems(problem)).singleElement().asString().contains("not UTF-8");
		assertThat(rowCount()).isEqualTo(rows);
	}

	@Test
	void rejectsRaggedRows() throws Exception {
		JsonNode problem = problem(
				postFile("/api/v1/datasets", "ragged.csv",
						"a,b,c\r\n1,2,3\r\n4,5\r\n6,7,8,9\r\n".getBytes(StandardCharsets.UTF_8)),
				422, "invalid-dataset", "Invalid dataset");

		assertThat(problems(problem)).containsExactly("line 3 has 2 cell(s) but the header has 3",
				"line 4 has 4 cell(s) but the header has 3");
		assertThat(problem.path("detail").asString()).startsWith("2 problem(s) with the dataset");
	}

	@Test
	void rejectsDuplicateColumnNames() throws Exception {
		JsonNode problem = problem(postCsv("/api/v1/datasets", "id,score,id\n1,2,3\n"), 422, "invalid-dataset",
				"Invalid dataset");

		assertThat(problems(problem)).containsExactly("the header on line 1 names column 'id' twice (columns 1 and 3)");
	}

	@Test
	void rejectsHeaderWithoutRows() throws Exception {
		JsonNode problem = problem(postCsv("/api/v1/datasets", "a,b,c\n"), 422, "invalid-dataset", "Invalid dataset");

		assertThat(problems(problem)).containsExactly("the data has a header row but no data rows");
	}

	@Test
	void rejectsEmptyBody() throws Exception {
		long rows = rowCount();

		JsonNode problem = problem(postCsv("/api/v1/datasets", ""), 422, "invalid-dataset", "Invalid dataset");

		assertThat(problems(problem)).singleElement().asString().startsWith("the data is empty");
		assertThat(rowCount()).isEqualTo(rows);
	}

	@Test
	void rejectsUnterminatedQuote() throws Exception {
		JsonNode problem = problem(postCsv("/api/v1/datasets", "a,b\n1,\"2\n3,4\n"), 422, "invalid-dataset",
				"Invalid dataset");

		assertThat(problems(problem)).singleElement().asString().contains("RFC 4180", "2");
	}

	@Test
	void rejectsMultipartWithoutFile() throws Exception {
		Response response = this.client.postParts("/api/v1/datasets",
				ReproserveClient.part("data", "data.csv", "text/csv", "a\n1\n".getBytes(StandardCharsets.UTF_8)));

		JsonNode problem = problem(response, 400, "bad-request", "Bad Request");

		assertThat(problem.path("detail").asString()).contains("'file'");
	}

	@Test
	void rejectsMalformedReferenceJson() throws Exception {
		long rows = rowCount();

		JsonNode truncated = problem(postJson("/api/v1/datasets", "{\"kind\": \"reference\", \"sha256\": "), 400,
				"malformed-request", "Malformed request body");
		JsonNode unknown = problem(postJson("/api/v1/datasets",
				"{\"kind\": \"reference\", \"sha256\": \"%s\", \"source\": \"s\", \"asOf\": \"2025-01-01T00:00:00Z\", \"query\": \"q\"}"
					.formatted("a".repeat(64))),
				400, "malformed-request", "Malformed request body");
		JsonNode fraction = problem(postJson("/api/v1/datasets",
				"{\"kind\": \"reference\", \"sha256\": \"%s\", \"source\": \"s\", \"asOf\": \"2025-01-01T00:00:00Z\", \"rowCount\": 1.5}"
					.formatted("a".repeat(64))),
				400, "malformed-request", "Malformed request body");
		problem(postJson("/api/v1/datasets", "null"), 400, "malformed-request", "Malformed request body");

		assertThat(truncated.path("detail").asString()).startsWith("Not valid JSON");
		assertThat(unknown.path("detail").asString()).contains("'query'");
		assertThat(fraction.path("detail").asString()).contains("rowCount");
		assertThat(rowCount()).isEqualTo(rows);
	}

	@Test
	void rejectsReferenceWithBadFingerprintListingEveryProblem() throws Exception {
		long rows = rowCount();

		JsonNode problem = problem(
				postJson("/api/v1/datasets",
						"{\"kind\": \"reference\", \"sha256\": \"%s\", \"source\": \" \"}".formatted("AB".repeat(32))),
				422, "invalid-dataset", "Invalid dataset");

		assertThat(problems(problem)).hasSize(3)
			.anySatisfy((p) -> assertThat(p).contains("'sha256'", "64 lower-case hex digits", "AB".repeat(32)))
			.anySatisfy((p) -> assertThat(p).contains("'source'"))
			.anySatisfy((p) -> assertThat(p).contains("'asOf'"));
		assertThat(rowCount()).isEqualTo(rows);
	}

	@Test
	void rejectsReferenceWithUnreadableTimeOrWrongKind() throws Exception {
		JsonNode problem = problem(postJson("/api/v1/datasets",
				"{\"kind\": \"stored\", \"sha256\": \"%s\", \"source\": \"s\", \"asOf\": \"yesterday\"}"
					.formatted("a".repeat(64))),
				422, "invalid-dataset", "Invalid dataset");

		assertThat(problems(problem)).hasSize(2)
			.anySatisfy((p) -> assertThat(p).contains("'kind' is 'stored'", "text/csv"))
			.anySatisfy((p) -> assertThat(p).contains("'asOf'", "ISO-8601", "yesterday"));
	}

	@Test
	void rejectsUnknownDatasetIds() throws Exception {
		String unknown = Sha256.hex(unique().getBytes(StandardCharsets.UTF_8));

		JsonNode problem = problem(get("/api/v1/datasets/" + unknown), 404, "dataset-not-found", "Dataset not found");
		assertThat(problem.path("datasetId").asString()).isEqualTo(unknown);
		assertThat(problem(get("/api/v1/datasets/" + unknown + "/data", "text/csv"), 404, "dataset-not-found",
				"Dataset not found")
			.path("datasetId")
			.asString()).isEqualTo(unknown);
		// Not a SHA-256 at all: no such snapshot can exist, and the detail says what an
		// id is.
		JsonNode malformed = problem(get("/api/v1/datasets/penguins"), 404, "dataset-not-found", "Dataset not found");
		assertThat(malformed.path("datasetId").asString()).isEqualTo("penguins");
		assertThat(malformed.path("detail").asString()).contains("64 lower-case hex digits");
		assertThatThrownBy(() -> this.datasets.verifySupplied(unknown, "a\n1\n".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(DatasetNotFoundException.class);
	}

	@Test
	void rejectsPageSizeOverTheLimit() throws Exception {
		JsonNode problem = problem(get("/api/v1/datasets?size=101"), 400, "invalid-parameter", "Invalid parameter");

		assertThat(problem.path("parameter").asString()).isEqualTo("size");
	}

	private long rowCount() {
		return this.jdbc.queryForObject("SELECT count(*) FROM dataset_snapshots", Long.class);
	}

	private static String unique() {
		return "u" + UUID.randomUUID();
	}

	private static JsonNode created(Response response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return JSON.readTree(response.body());
	}

	/** Each column as "name type missing=n[ distinct=n]". */
	private static List<String> columns(JsonNode snapshot) {
		List<String> columns = new ArrayList<>();
		snapshot.path("columns")
			.forEach((c) -> columns.add(c.path("name").asString() + " " + c.path("type").asString() + " missing="
					+ c.path("missing").asLong()
					+ (c.path("distinct").isNull() ? "" : " distinct=" + c.path("distinct").asInt())));
		return columns;
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

	private Response get(String path) {
		return this.client.get(path);
	}

	private Response get(String path, String accept) {
		return this.client.get(path, accept);
	}

	private Response postCsv(String path, String csv) {
		return this.client.post(path, "text/csv", csv);
	}

	private Response postJson(String path, String json) {
		return this.client.postJson(path, json);
	}

	private Response postFile(String path, String filename, byte[] csv) {
		return this.client.postParts(path, ReproserveClient.part("file", filename, "text/csv", csv));
	}

	private Response post(String path, String contentType, byte[] body) {
		return this.client.post(path, contentType, body);
	}

}
