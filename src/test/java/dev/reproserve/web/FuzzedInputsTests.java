package dev.reproserve.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.serving.ModelServing;
import dev.reproserve.support.ProblemAssert;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestKeys;
import dev.reproserve.support.TestModels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs generated, not only listed: predict bodies (JSON of every type, depth, size and
 * encoding, and valid iris requests with one thing wrong) on both predict routes, on the
 * short path and through the controller; CSV uploads (quotes, encodings, ragged rows,
 * huge cells, byte-order marks, NUL bytes); training requests (random and near-valid
 * pipeline specs). Whatever is sent, the answer is never a 5xx, every 4xx is a problem,
 * and a refused request stores nothing. jqwik prints the seed of a failing run; rerun
 * with {@code @Property(seed = "...")} to get the same inputs.
 * <p>
 * jqwik is its own JUnit Platform engine, without Spring's extension, so each property
 * gets the shared application context of {@link ReproserveTest} through a
 * {@link TestContextManager}.
 */
@ReproserveTest
class FuzzedInputsTests {

	private static final String[] IRIS = { "sepal_length", "sepal_width", "petal_length", "petal_width" };

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private static @Nullable Fixture fixture;

	@Autowired
	ModelRegistry registry;

	@Autowired
	ModelServing serving;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RestTestClient rest;

	@LocalServerPort
	int port;

	@BeforeProperty
	void startService() throws Exception {
		new TestContextManager(FuzzedInputsTests.class).prepareTestInstance(this);
		synchronized (FuzzedInputsTests.class) {
			if (fixture == null) {
				String model = TestData.uniqueModel("fuzz");
				this.registry.register(model, TestModels.trainIris(11).bundle(), "tests");
				this.serving.moveAlias(model, "production", 1, "tests", "fuzzed inputs");
				String datasetId = new ReproserveClient(this.rest).upload(TestData.iris(), "iris.csv")
					.path("id")
					.asString();
				fixture = new Fixture(model, datasetId);
			}
		}
	}

	// Properties

	@Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
	void predictAnswersEveryBodyWithoutAServerError(@ForAll("predictBodies") Body body, @ForAll boolean byAlias,
			@ForAll("predictHeaders") Map<String, String> headers) {
		String path = "/api/v1/models/" + fixture.model() + (byAlias ? "/aliases/production" : "/versions/1")
				+ "/predict";
		long versions = TestData.rows(this.jdbc, "model_versions");

		Response response = post(path, body, headers);

		assertAnsweredOrRefused(response, body);
		if (response.statusCode() == 200) {
			// JSON, as the client's Accept allows it (Spring labels it
			// application/problem+json
			// for a client that accepts only that).
			assertThat(response.mediaType().isCompatibleWith(MediaType.parseMediaType("application/*+json"))
					|| MediaType.APPLICATION_JSON.equals(response.mediaType()))
				.as("content type %s", response.mediaType())
				.isTrue();
			assertThat(response.json().path("predictions").isArray()).isTrue();
		}
		assertThat(TestData.rows(this.jdbc, "model_versions")).isEqualTo(versions);
	}

	@Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
	void datasetUploadStoresATableOrNothing(@ForAll("datasetUploads") Body body) {
		long before = TestData.rows(this.jdbc, "dataset_snapshots");

		Response response = post("/api/v1/datasets?name=" + URLEncoder.encode(body.what(), StandardCharsets.UTF_8),
				body, Map.of());

		assertAnsweredOrRefused(response, body);
		long after = TestData.rows(this.jdbc, "dataset_snapshots");
		if (response.statusCode() == 201) {
			assertThat(after).isEqualTo(before + 1);
		}
		else {
			assertThat(after).as("snapshots after %s", response).isEqualTo(before);
		}
	}

	@Property(tries = 120, shrinking = ShrinkingMode.BOUNDED)
	void trainingRequestStartsAJobOrStoresNothing(@ForAll("trainingRequests") Body body) {
		long jobs = TestData.rows(this.jdbc, "training_jobs");
		long versions = TestData.rows(this.jdbc, "model_versions");
		long snapshots = TestData.rows(this.jdbc, "dataset_snapshots");

		Response response = post("/api/v1/trainings", body, Map.of());

		assertAnsweredOrRefused(response, body);
		if (response.statusCode() == 202) {
			JsonNode job = ReproserveClient.accepted(response);
			JsonNode finished = new ReproserveClient(this.rest).awaitFinished(job.path("id").asLong());
			assertThat(finished.path("status").asString()).as("job %s of %s", finished, body).isEqualTo("succeeded");
			return;
		}
		assertThat(TestData.rows(this.jdbc, "training_jobs")).as("jobs after %s", response).isEqualTo(jobs);
		assertThat(TestData.rows(this.jdbc, "model_versions")).isEqualTo(versions);
		assertThat(TestData.rows(this.jdbc, "dataset_snapshots")).isEqualTo(snapshots);
	}

	private static void assertAnsweredOrRefused(Response response, Body body) {
		assertThat(response.statusCode()).as("answer to %s: %s", body, response).isLessThan(500);
		if (response.statusCode() >= 400) {
			ProblemAssert.anyProblem(response);
		}
	}

	// Predict bodies

	@Provide
	Arbitrary<Body> predictBodies() {
		Arbitrary<String> text = Arbitraries.frequencyOf(Tuple.of(4, nearValidPredictRequest()),
				Tuple.of(2, randomPredictRequest()), Tuple.of(2, json(4)), Tuple.of(1, deeplyNested()),
				Tuple.of(1, largeRequest()));
		return encoded(text, Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("application/json")),
				Tuple.of(2, jsonContentTypes()), Tuple.of(1, otherContentTypes())));
	}

	@Provide
	Arbitrary<Map<String, String>> predictHeaders() {
		Arbitrary<String> accept = Arbitraries.of("", "*/*", "application/json", "application/problem+json",
				"text/html", "application/xml", "application/*", "text/csv, */*;q=0.1", "not a media type");
		Arbitrary<Boolean> origin = Arbitraries.of(true, false);
		return Combinators.combine(accept, origin).as((a, o) -> {
			Map<String, String> headers = new LinkedHashMap<>();
			if (!a.isEmpty()) {
				headers.put(HttpHeaders.ACCEPT, a);
			}
			if (o) {
				// A CORS request: never the short path.
				headers.put(HttpHeaders.ORIGIN, "https://example.org");
			}
			return headers;
		});
	}

	/** A valid iris request with exactly one thing wrong. */
	private static Arbitrary<String> nearValidPredictRequest() {
		Arbitrary<Integer> feature = Arbitraries.integers().between(0, IRIS.length - 1);
		Arbitrary<String> badValue = Arbitraries.oneOf(
				Arbitraries.of("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400",
						"123456789012345678901234567890", "-0", "\"5.1\"", "\"\"", "true", "null", "[]", "[5.1]", "{}",
						"{\"value\": 5.1}", "01", "+1", ".5", "5.", "0x10", "1_0", "5,1", "\"NaN\""),
				Arbitraries.doubles().map(String::valueOf), Arbitraries.longs().map(String::valueOf));
		return Arbitraries.oneOf(feature.map((i) -> request(instance(i, null, null))),
				feature.flatMap((i) -> badValue.map((v) -> request(instance(-1, IRIS[i], v)))),
				Combinators.combine(feature, badValue).as((i, v) -> request(instance(i, IRIS[i], v))),
				Arbitraries.of("petal_lenght", "", "SEPAL_LENGTH", "sepal_length ", "extra", "\u0000", "id")
					.map((name) -> request(instance(-1, name, "1.0"))),
				feature.map((i) -> request(instance(-1, IRIS[i], "4.2"))),
				Arbitraries.of("{\"instances\": []}", "{\"instances\": {}}", "{\"instances\": null}",
						"{\"instances\": [null]}", "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}",
						"{\"instances\": \"" + valid() + "\"}", "{}", "[]", "null", "\"\"", "",
						"{\"id\": 17, \"instances\": [" + valid() + "]}",
						"{\"id\": {}, \"instances\": [" + valid() + "]}",
						"{\"id\": \"a\", \"id\": \"b\", \"instances\": [" + valid() + "]}",
						"{\"instances\": [" + valid() + "], \"instances\": [" + valid() + "]}",
						"{\"instances\": [" + valid() + "], \"extra\": 1}", "{\"instances\": [" + valid() + "],}",
						"{\"instances\": [" + valid() + ",]}", "{\"instances\": [" + valid() + "]} trailing",
						"{\"instances\": [" + valid() + "]}{}", "{'instances': []}", "{instances: []}",
						"{\"instances\": [" + valid() + "]", "{\"instances\": [" + valid().substring(0, 30),
						"/* comment */ {\"instances\": [" + valid() + "]}", "{\"instances\": [" + valid() + "]}\u0000",
						"[{\"instances\": [" + valid() + "]}]"),
				Arbitraries.integers()
					.between(49, 52)
					.map((n) -> "{\"instances\": [" + String.join(",", java.util.Collections.nCopies(n, valid()))
							+ "]}"),
				Arbitraries.strings()
					.ofMinLength(0)
					.ofMaxLength(200)
					.map((id) -> "{\"id\": " + quote(id) + ", \"instances\": [" + valid() + "]}"));
	}

	/**
	 * An instance of iris: feature {@code drop} left out, {@code name} set to a JSON
	 * value.
	 */
	private static String instance(int drop, @Nullable String name, @Nullable String value) {
		List<String> members = new ArrayList<>();
		double[] values = { 5.1, 3.5, 1.4, 0.2 };
		for (int i = 0; i < IRIS.length; i++) {
			if (i != drop && !IRIS[i].equals(name)) {
				members.add(quote(IRIS[i]) + ": " + values[i]);
			}
		}
		if (name != null) {
			members.add(quote(name) + ": " + value);
		}
		return "{" + String.join(", ", members) + "}";
	}

	private static String valid() {
		return instance(-1, null, null);
	}

	private static String request(String instance) {
		return "{\"id\": \"fuzz\", \"instances\": [" + instance + "]}";
	}

	/** The right shape, with random instances and ids. */
	private static Arbitrary<String> randomPredictRequest() {
		Arbitrary<String> member = Combinators.combine(key(), json(2)).as((k, v) -> quote(k) + ": " + v);
		Arbitrary<String> instance = member.list().ofMaxSize(6).map((m) -> "{" + String.join(", ", m) + "}");
		Arbitrary<String> instances = Arbitraries.frequencyOf(Tuple.of(4, instance), Tuple.of(1, json(2)))
			.list()
			.ofMaxSize(5)
			.map((list) -> "[" + String.join(", ", list) + "]");
		return Combinators.combine(json(1), instances)
			.as((id, list) -> "{\"id\": " + id + ", \"instances\": " + list + "}");
	}

	/**
	 * Nesting far deeper than any request needs (Jackson allows 500 levels by default).
	 */
	private static Arbitrary<String> deeplyNested() {
		return Combinators.combine(Arbitraries.integers().between(100, 3000), Arbitraries.of("[", "{\"a\":"))
			.as((depth, open) -> "{\"instances\": [" + open.repeat(depth) + "1"
					+ ((open.equals("[")) ? "]" : "}").repeat(depth) + "]}");
	}

	/** Large strings, names and numbers. */
	private static Arbitrary<String> largeRequest() {
		return Arbitraries.oneOf(
				Arbitraries.integers()
					.between(10_000, 300_000)
					.map((n) -> "{\"id\": \"" + "x".repeat(n) + "\", \"instances\": [" + valid() + "]}"),
				Arbitraries.integers().between(10_000, 200_000).map((n) -> request(instance(-1, "f".repeat(n), "1.0"))),
				Arbitraries.integers()
					.between(500, 20_000)
					.map((n) -> request(instance(0, IRIS[0], "1" + "0".repeat(n)))),
				Arbitraries.integers()
					.between(500, 20_000)
					.map((n) -> request(instance(0, IRIS[0], "0." + "1".repeat(n)))),
				Arbitraries.integers()
					.between(100, 5_000)
					.map((n) -> request(instance(0, IRIS[0], "1e" + "9".repeat(n)))));
	}

	// Random JSON

	/** A JSON value of any type, nested up to {@code depth}. */
	static Arbitrary<String> json(int depth) {
		if (depth == 0) {
			return scalar();
		}
		Arbitrary<String> inner = json(depth - 1);
		Arbitrary<String> array = inner.list().ofMaxSize(4).map((list) -> "[" + String.join(",", list) + "]");
		Arbitrary<String> object = Combinators.combine(key(), inner)
			.as((k, v) -> quote(k) + ":" + v)
			.list()
			.ofMaxSize(4)
			.map((list) -> "{" + String.join(",", list) + "}");
		return Arbitraries.frequencyOf(Tuple.of(3, scalar()), Tuple.of(1, array), Tuple.of(1, object));
	}

	private static Arbitrary<String> scalar() {
		return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of("null", "true", "false")),
				Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
				Tuple.of(2, Arbitraries.doubles().map(String::valueOf)),
				Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(400)),
				Tuple.of(1,
						Arbitraries.of("NaN", "Infinity", "-Infinity", "1e400", "-0", "1E-400", "nul", "tru", "'x'",
								"\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"\\x\"", "\"unterminated")),
				Tuple.of(3, Arbitraries.strings().ofMaxLength(40).map(FuzzedInputsTests::quote)),
				Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20).map((s) -> "\"" + s + "\"")));
	}

	private static Arbitrary<String> key() {
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(IRIS)),
				Tuple.of(1, Arbitraries.of("id", "instances", "", "__proto__", "constructor")),
				Tuple.of(2, Arbitraries.strings().ofMaxLength(20)));
	}

	static String quote(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

	// Encodings and media types

	private static Arbitrary<String> jsonContentTypes() {
		return Arbitraries.of("application/json;charset=UTF-8", "application/json; charset=utf-8",
				"application/json;charset=UTF-16", "application/json;charset=UTF-16LE",
				"application/json;charset=ISO-8859-1", "application/json;charset=UTF-32",
				"application/json;charset=bogus", "application/json;charset=", "APPLICATION/JSON",
				"application/json;q=0.5", "application/problem+json", "application/merge-patch+json",
				"application/json, text/plain");
	}

	private static Arbitrary<String> otherContentTypes() {
		return Arbitraries.of("", "text/plain", "text/csv", "application/x-www-form-urlencoded",
				"application/octet-stream", "multipart/form-data", "multipart/form-data; boundary=x", "application/*",
				"*/*", "application", "/json", "json", "application/json/extra", "text/json", "application/xml");
	}

	/** The text in one of many encodings, maybe corrupted, with a content type. */
	private static Arbitrary<Body> encoded(Arbitrary<String> text, Arbitrary<String> contentType) {
		Arbitrary<String> encoding = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("UTF-8")),
				Tuple.of(3, Arbitraries.of("UTF-8+BOM", "UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "ISO-8859-1",
						"UTF-8+invalid", "UTF-8+NUL", "UTF-8+truncated")));
		Arbitrary<Integer> at = Arbitraries.integers().between(0, 1_000_000);
		return Combinators.combine(text, encoding, contentType, at)
			.as((t, e, c, where) -> new Body(encode(t, e, where), c.isEmpty() ? null : c, e + " " + c, null));
	}

	private static final byte[][] INVALID_UTF8 = { { (byte) 0xC3, 0x28 }, { (byte) 0xFF }, { (byte) 0x80 },
			{ (byte) 0xC0, (byte) 0xAF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
			{ (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }, { (byte) 0xE2, (byte) 0x82 } };

	static byte[] encode(String text, String encoding, int where) {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		int position = (utf8.length == 0) ? 0 : where % (utf8.length + 1);
		return switch (encoding) {
			case "UTF-8+BOM" -> concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, utf8);
			case "UTF-8+invalid" -> insert(utf8, position, INVALID_UTF8[where % INVALID_UTF8.length]);
			case "UTF-8+NUL" -> insert(utf8, position, new byte[] { 0 });
			case "UTF-8+truncated" -> java.util.Arrays.copyOf(utf8, position);
			case "UTF-8" -> utf8;
			default -> text.getBytes(Charset.forName(encoding));
		};
	}

	private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(bytes, 0, at);
		out.writeBytes(inserted);
		out.write(bytes, at, bytes.length - at);
		return out.toByteArray();
	}

	private static byte[] concat(byte[] first, byte[] second) {
		return insert(second, 0, first);
	}

	// Dataset uploads

	@Provide
	Arbitrary<Body> datasetUploads() {
		Arbitrary<String> csv = Arbitraries.frequencyOf(Tuple.of(4, randomCsv()), Tuple.of(2, nearValidCsv()),
				Tuple.of(1, Arbitraries.strings().all().ofMaxLength(300)), Tuple.of(1, hugeCellCsv()));
		Arbitrary<String> csvType = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("text/csv")),
				Tuple.of(1,
						Arbitraries.of("text/csv;charset=UTF-8", "text/csv; charset=utf-16", "text/csv;charset=latin1",
								"text/csv;charset=nonsense", "TEXT/CSV", "text/csv;header=present")));
		Arbitrary<Body> raw = encoded(csv, csvType);
		Arbitrary<Body> multipart = Combinators
			.combine(encoded(csv, Arbitraries.just("")), Arbitraries.of("file", "data", "FILE"),
					Arbitraries.of("", "text/csv", "application/octet-stream", "application/json"),
					Arbitraries.of("data.csv", "", "../../etc/passwd", "\u00e9t\u00e9.csv", "a\"b.csv"))
			.as((body, part, partType, filename) -> multipart(body, part, partType, filename));
		Arbitrary<Body> json = encoded(Arbitraries.oneOf(json(3), nearValidReference()), jsonContentTypes());
		Arbitrary<Body> other = encoded(csv, otherContentTypes());
		return Arbitraries.frequencyOf(Tuple.of(5, raw), Tuple.of(3, multipart), Tuple.of(1, json), Tuple.of(1, other));
	}

	private static Arbitrary<String> cell() {
		return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.strings().alpha().numeric().ofMaxLength(8)),
				Tuple.of(2, Arbitraries.doubles().map(String::valueOf)), Tuple.of(1, Arbitraries.just("")),
				Tuple.of(2,
						Arbitraries.of("\"", "\"\"", "\"a,b\"", "\"a\"\"b\"", "\"line\nbreak\"", "a\"b", "\"open",
								"\u0000", "\r", "\t", "NA", "null", "NaN", "\ufeff", " padded ", "\u00e9",
								"\ud83d\ude00", "=cmd()")),
				Tuple.of(1, Arbitraries.strings().all().ofMaxLength(10)));
	}

	private static Arbitrary<String> randomCsv() {
		Arbitrary<String> row = cell().list().ofMinSize(0).ofMaxSize(6).map((cells) -> String.join(",", cells));
		return Combinators
			.combine(row.list().ofMinSize(0).ofMaxSize(12), Arbitraries.of("\n", "\r\n", "\r"),
					Arbitraries.of(true, false))
			.as((rows, newline, trailing) -> String.join(newline, rows) + (trailing ? newline : ""));
	}

	/** The iris file with one thing wrong. */
	private static Arbitrary<String> nearValidCsv() {
		String iris = new String(TestData.iris(), StandardCharsets.UTF_8);
		List<String> lines = iris.lines().toList();
		Arbitrary<Integer> line = Arbitraries.integers().between(0, lines.size() - 1);
		return Arbitraries.oneOf(line.map((i) -> replaceLine(lines, i, lines.get(i) + ",extra")),
				line.map((i) -> replaceLine(lines, i, lines.get(i).substring(0, lines.get(i).lastIndexOf(',')))),
				Combinators.combine(line, cell()).as((i, c) -> replaceLine(lines, i, lines.get(i) + "," + c)),
				Combinators.combine(line, cell()).as((i, c) -> replaceLine(lines, i, c)),
				Arbitraries.just(replaceLine(lines, 0, lines.get(0).replace("sepal_width", "sepal_length"))),
				Arbitraries.just(lines.get(0) + "\n"), Arbitraries.just(lines.get(0)),
				Arbitraries.just(String.join("\n", lines.subList(1, lines.size()))));
	}

	private static String replaceLine(List<String> lines, int index, String line) {
		List<String> copy = new ArrayList<>(lines);
		copy.set(index, line);
		return String.join("\n", copy) + "\n";
	}

	private static Arbitrary<String> hugeCellCsv() {
		return Combinators
			.combine(Arbitraries.integers().between(10_000, 500_000), Arbitraries.of("x", "\"", ",", "\n", "\u00e9"))
			.as((n, c) -> "a,b\n1," + c.repeat(n) + "\n");
	}

	private static Arbitrary<String> nearValidReference() {
		return Arbitraries.of(
				"{\"kind\": \"reference\", \"sha256\": \"" + "a".repeat(64)
						+ "\", \"source\": \"fuzz\", \"asOf\": \"2025-01-31T23:00:00Z\"}",
				"{\"kind\": \"reference\", \"sha256\": \"" + "g".repeat(64) + "\", \"source\": \"fuzz\"}",
				"{\"kind\": \"reference\", \"sha256\": \"abc\", \"source\": \"fuzz\"}",
				"{\"kind\": \"reference\", \"source\": \"fuzz\"}",
				"{\"kind\": \"stored\", \"sha256\": \"" + "b".repeat(64) + "\"}",
				"{\"kind\": \"reference\", \"sha256\": \"" + "c".repeat(64)
						+ "\", \"source\": \"fuzz\", \"asOf\": \"yesterday\"}",
				"{\"kind\": \"reference\", \"sha256\": \"" + "d".repeat(64)
						+ "\", \"source\": \"fuzz\", \"rowCount\": -1}",
				"{\"kind\": \"reference\", \"sha256\": \"" + "e".repeat(64)
						+ "\", \"source\": \"fuzz\", \"rowCount\": 1e400}",
				"{\"kind\": \"reference\", \"sha256\": \"" + "f".repeat(64) + "\", \"source\": \"" + "s".repeat(100_000)
						+ "\"}",
				"{\"kind\": \"reference\", \"sha256\": 7, \"source\": []}", "{\"kind\": null}", "{}", "[]", "null");
	}

	private static Body multipart(Body file, String part, String partType, String filename) {
		String boundary = "fuzz-boundary-7MA4YWxkTrZu0gW";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		StringBuilder head = new StringBuilder("--" + boundary + "\r\n");
		head.append("Content-Disposition: form-data; name=\"").append(part).append('"');
		if (!filename.isEmpty()) {
			head.append("; filename=\"").append(filename.replace("\"", "\\\"")).append('"');
		}
		head.append("\r\n");
		if (!partType.isEmpty()) {
			head.append("Content-Type: ").append(partType).append("\r\n");
		}
		out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
		out.writeBytes(file.bytes());
		out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return new Body(out.toByteArray(), "multipart/form-data; boundary=" + boundary,
				"multipart " + part + " " + partType + " " + filename + " " + file.what(), file.bytes());
	}

	// Training requests

	@Provide
	Arbitrary<Body> trainingRequests() {
		Arbitrary<String> text = Arbitraries.frequencyOf(Tuple.of(5, nearValidTrainingRequest()), Tuple.of(1, json(3)),
				Tuple.of(1, randomSpecRequest()));
		Arbitrary<Body> json = encoded(text, Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("application/json")),
				Tuple.of(1, jsonContentTypes()), Tuple.of(1, otherContentTypes())));
		Arbitrary<Body> multipart = Combinators.combine(text, datasetUploads())
			.as((request, data) -> trainingMultipart(request,
					(data.content() != null) ? data.content() : data.bytes()));
		return Arbitraries.frequencyOf(Tuple.of(6, json), Tuple.of(1, multipart));
	}

	private Arbitrary<String> nearValidTrainingRequest() {
		String model = TestData.uniqueModel("fuzz-train");
		String datasetId = fixture.datasetId();
		JsonNode spec = tools.jackson.databind.json.JsonMapper.builder().build().readTree(TestData.irisSpec());
		Map<String, String> members = new LinkedHashMap<>();
		members.put("modelName", quote(model));
		members.put("datasetId", quote(datasetId));
		members.put("spec", spec.toString());
		List<String> specMembers = new ArrayList<>();
		spec.propertyNames().forEach(specMembers::add);
		Arbitrary<String> member = Arbitraries.of(members.keySet().toArray(String[]::new));
		Arbitrary<String> specMember = Arbitraries.of(specMembers.toArray(String[]::new));
		Arbitrary<String> badValue = Arbitraries.oneOf(json(2), Arbitraries.of("\"Bad Name\"", "\"\"",
				"\"" + "m".repeat(65) + "\"", "\"" + "0".repeat(64) + "\"", "\"../etc\"", "-1", "0", "1.5", "1e400",
				"12345678901234567890123", "\"regression\"", "{\"type\": \"unknown\"}",
				"{\"type\": \"cart\", \"hyperparameters\": {\"maxDepth\": -3}}",
				"{\"type\": \"cart\", \"hyperparameters\": {\"maxDepth\": 1e9}}",
				"{\"type\": \"logistic\", \"hyperparameters\": {\"epochs\": \"many\"}}",
				"[{\"name\": \"species\", \"type\": \"numeric\"}]", "[{\"name\": \"nope\", \"type\": \"numeric\"}]",
				"[{\"name\": \"sepal_length\", \"type\": \"numeric\"}, {\"name\": \"sepal_length\", \"type\": \"numeric\"}]",
				"[{\"name\": \"sepal_length\", \"type\": \"categorical\"}]",
				"[{\"name\": \"sepal_length\", \"type\": \"numeric\", \"missing\": \"mode\"}]", "[]",
				"{\"testFraction\": 0, \"seed\": 1}", "{\"testFraction\": 1, \"seed\": 1}",
				"{\"testFraction\": 0.999, \"seed\": 1}", "{\"testFraction\": -0.1}", "{\"testFraction\": NaN}",
				"\"species\"", "\"sepal_length\"", "\"nope\""));
		return Arbitraries.oneOf(member.map((m) -> requestWithout(members, m, null)),
				Combinators.combine(member, badValue).as((m, v) -> requestWith(members, m, v)),
				Combinators.combine(specMember, badValue)
					.as((m, v) -> requestWith(members, "spec", specWith(spec, m, v))),
				specMember.map((m) -> requestWith(members, "spec", specWith(spec, m, null))),
				Combinators.combine(key(), badValue).as((k, v) -> requestWith(members, "spec", specWith(spec, k, v))),
				Combinators.combine(key(), badValue).as((k, v) -> requestWith(members, k, v)));
	}

	private static String requestWithout(Map<String, String> members, String left, @Nullable String value) {
		Map<String, String> copy = new LinkedHashMap<>(members);
		if (value == null) {
			copy.remove(left);
		}
		else {
			copy.put(left, value);
		}
		List<String> parts = new ArrayList<>();
		copy.forEach((k, v) -> parts.add(quote(k) + ": " + v));
		return "{" + String.join(", ", parts) + "}";
	}

	private static String requestWith(Map<String, String> members, String name, String value) {
		return requestWithout(members, name, value);
	}

	private static String specWith(JsonNode spec, String member, @Nullable String value) {
		Map<String, String> members = new LinkedHashMap<>();
		spec.properties().forEach((e) -> members.put(e.getKey(), e.getValue().toString()));
		return requestWithout(members, member, value);
	}

	private Arbitrary<String> randomSpecRequest() {
		String datasetId = fixture.datasetId();
		return json(3).map((spec) -> "{\"modelName\": " + quote(TestData.uniqueModel("fuzz-random"))
				+ ", \"datasetId\": " + quote(datasetId) + ", \"spec\": " + spec + "}");
	}

	private static Body trainingMultipart(String request, byte[] data) {
		String boundary = "fuzz-training-7MA4YWxkTrZu0gW";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"request\"\r\n"
				+ "Content-Type: application/json\r\n\r\n" + request + "\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"data.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(data);
		out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return new Body(out.toByteArray(), "multipart/form-data; boundary=" + boundary,
				"training multipart " + shorten(request), null);
	}

	// HTTP

	private Response post(String path, Body body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(60))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestKeys.ADMIN)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
		if (body.contentType() != null) {
			request.header(HttpHeaders.CONTENT_TYPE, body.contentType());
		}
		headers.forEach(request::header);
		try {
			HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			HttpHeaders answered = new HttpHeaders();
			response.headers().map().forEach(answered::addAll);
			return new Response(response.statusCode(), answered, response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String shorten(String text) {
		String shown = (text.length() > 300) ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
		StringBuilder visible = new StringBuilder();
		shown.codePoints()
			.forEach((c) -> visible
				.append((c < 0x20 || c == 0x7f) ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
		return visible.toString();
	}

	/**
	 * A generated request body: its bytes, the Content-Type sent (none where null), how
	 * it was made, and for a multipart form the file inside it.
	 */
	record Body(byte[] bytes, @Nullable String contentType, String what, byte @Nullable [] content) {

		@Override
		public String toString() {
			return this.what + " [" + this.contentType + "] "
					+ shorten(new String(this.bytes, StandardCharsets.ISO_8859_1));
		}

	}

	record Fixture(String model, String datasetId) {
	}

}
