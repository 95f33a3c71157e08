package dev.reproserve.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.registry.ModelNotFoundException;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.TestKeys;
import dev.reproserve.support.TestModels;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainerCases;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.internal.ModelTrainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the exact bytes of predict responses, successes and problems alike, as recorded in
 * {@code src/test/resources/serving/predict-responses.txt}: a rewrite of the predict path
 * (how the body is parsed, how the response is written, how requests reach the handler)
 * must leave status, {@code Content-Type} and every body byte as they were. Other
 * response headers are not compared.
 * <p>
 * Requests go over real HTTP/1.1 through the JDK's {@link HttpClient} rather than
 * {@code RestTestClient}, so that the request headers are exactly those the golden file
 * lists (no client adds an {@code Accept} of its own).
 * <p>
 * One thing is masked: each model's bundle SHA-256. Training writes Tribuo's provenance
 * (training time, host, JVM) into the model itself, so the bundle bytes differ on every
 * run even with {@link TestModels#rewrittenAt} fixing the manifest's creation time. The
 * exact SHA-256 the registry recorded for the version is replaced by
 * {@code <sha256 of MODEL v1>}, so a response that carries any other value still fails.
 * Nothing else varies between runs (checked by recording twice): problem bodies carry no
 * timestamp or request id, and the {@code X-Request-Id} header is not compared.
 * <p>
 * To record the file again from the current code (then review the diff): <pre>
 * ./mvnw test -Dtest=PredictResponseBytesTests -Dreproserve.responses.write=true
 * </pre>
 */
@ReproserveTest
class PredictResponseBytesTests {

	/** Where the recorded responses live, relative to the project directory. */
	static final Path GOLDEN = Path.of("src/test/resources/serving/predict-responses.txt");

	/** Set to {@code true} to write {@link #GOLDEN} instead of checking against it. */
	static final String WRITE_PROPERTY = "reproserve.responses.write";

	static final String IRIS = "bytes-iris";

	static final String CART = "bytes-penguins-cart";

	static final String FOREST = "bytes-penguins-forest";

	static final String XGBOOST = "bytes-penguins-xgboost";

	static final String MASS = "bytes-penguins-mass";

	private static final long SEED = 11;

	/** The manifests' creation time: 2030-03-17T17:46:40Z. */
	private static final long CREATED_AT = 1_900_000_000L;

	private static final String SETOSA = "{\"sepal_length\":5.1,\"sepal_width\":3.5,\"petal_length\":1.4,\"petal_width\":0.2}";

	private static final String VERSICOLOR = "{\"sepal_length\":6.4,\"sepal_width\":3.2,\"petal_length\":4.5,\"petal_width\":1.5}";

	private static final String VIRGINICA = "{\"sepal_length\":6.3,\"sepal_width\":3.3,\"petal_length\":6.0,\"petal_width\":2.5}";

	private static final String BISCOE = "{\"island\":\"Biscoe\",\"bill_length_mm\":45.1,\"flipper_length_mm\":210}";

	private static final String GENTOO = "{\"island\":\"Biscoe\",\"sex\":\"FEMALE\",\"bill_length_mm\":46.5,"
			+ "\"bill_depth_mm\":13.5,\"flipper_length_mm\":210}";

	private static final String CHINSTRAP = "{\"island\":\"Dream\",\"sex\":\"MALE\",\"bill_length_mm\":50.9,"
			+ "\"bill_depth_mm\":19.1,\"flipper_length_mm\":196}";

	private static final String ADELIE = "{\"island\":\"Torgersen\",\"sex\":\"FEMALE\",\"bill_length_mm\":39.5,"
			+ "\"bill_depth_mm\":17.4,\"flipper_length_mm\":186}";

	private static final String HEAVY_GENTOO = "{\"species\":\"Gentoo\",\"island\":\"Biscoe\",\"sex\":\"MALE\","
			+ "\"bill_length_mm\":50.0,\"bill_depth_mm\":16.3,\"flipper_length_mm\":230}";

	/** Each model's recorded bundle SHA-256, replaced in responses by a placeholder. */
	private static final Map<String, String> SHAS = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@LocalServerPort
	int port;

	@Autowired
	ModelRegistry registry;

	@Autowired
	ModelServing serving;

	@BeforeEach
	void registerModels() {
		register(IRIS, TestModels.irisSpec(SEED), TestModels.irisData());
		register(CART, TestModels.penguinsCartSpec(SEED), TestModels.penguinsData());
		register(FOREST, trainerCase("random-forest/classification/penguins").spec(SEED),
				trainerCase("random-forest/classification/penguins").data());
		register(XGBOOST, trainerCase("xgboost/classification/penguins").spec(SEED),
				trainerCase("xgboost/classification/penguins").data());
		register(MASS, trainerCase("linear-sgd/regression/penguins").spec(SEED),
				trainerCase("linear-sgd/regression/penguins").data());
	}

	@Test
	void answersEveryPredictRequestWithTheRecordedBytes() throws IOException {
		List<Exchange> exchanges = exchanges();
		Map<String, String> actual = new LinkedHashMap<>();
		for (Exchange exchange : exchanges) {
			String previous = actual.put(exchange.name(), exchange.name() + "\n" + send(exchange));
			assertThat(previous).as("two cases named '%s'", exchange.name()).isNull();
		}
		if (Boolean.getBoolean(WRITE_PROPERTY)) {
			Files.createDirectories(GOLDEN.getParent());
			Files.writeString(GOLDEN,
					header() + String.join("", actual.values().stream().map((b) -> "### " + b).toList()),
					StandardCharsets.UTF_8);
			return;
		}
		assertThat(GOLDEN).as("the recorded responses; write them with -D%s=true", WRITE_PROPERTY).exists();
		Map<String, String> expected = parse(Files.readString(GOLDEN, StandardCharsets.UTF_8));
		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(actual.keySet())
			.as("the cases (record again with -D%s=true if they changed on purpose)", WRITE_PROPERTY)
			.containsExactlyElementsOf(expected.keySet());
		actual.forEach((name, block) -> {
			if (expected.containsKey(name)) {
				softly.assertThat(block).as("case '%s'", name).isEqualTo(expected.get(name));
			}
		});
		softly.assertAll();
	}

	/** The requests, in the order they are sent and recorded. */
	private static List<Exchange> exchanges() {
		List<Exchange> all = new ArrayList<>();
		// Successes
		all.add(post("iris/alias/one-row", alias(IRIS), instances(SETOSA)));
		all.add(post("iris/alias/with-id", alias(IRIS), "{\"id\":\"req-1\",\"instances\":[" + SETOSA + "]}"));
		all.add(post("iris/version/one-row", version(IRIS, 1), instances(SETOSA)));
		all.add(post("iris/version/three-rows-with-id", version(IRIS, 1),
				"{\"id\":\"batch-7\",\"instances\":[" + SETOSA + "," + VERSICOLOR + "," + VIRGINICA + "]}"));
		all.add(post("iris/id-after-instances", alias(IRIS), "{\"instances\":[" + VERSICOLOR + "],\"id\":\"last\"}"));
		all.add(post("iris/numbers-as-ints", alias(IRIS),
				instances("{\"sepal_length\":5,\"sepal_width\":3,\"petal_length\":1,\"petal_width\":0}")));
		all.add(post("iris/exponent-forms", alias(IRIS), instances(
				"{\"sepal_length\":51e-1,\"sepal_width\":3.5E0,\"petal_length\":0.14e+1,\"petal_width\":2E-1},"
						+ "{\"sepal_length\":1e0,\"sepal_width\":1E0,\"petal_length\":1.0e0,\"petal_width\":10e-1}")));
		all.add(post("iris/negative-zero", alias(IRIS),
				instances("{\"sepal_length\":-0.0,\"sepal_width\":-0,\"petal_length\":-0e0,\"petal_width\":0.0}")));
		all.add(post("iris/extreme-doubles", alias(IRIS),
				instances("{\"sepal_length\":1.7976931348623157e308,\"sepal_width\":4.9e-324,"
						+ "\"petal_length\":-1e300,\"petal_width\":2.2250738585072014E-308}")));
		all.add(post("iris/long-numbers", alias(IRIS), instances(
				"{\"sepal_length\":5.1000000000000000000000000001,\"sepal_width\":123456789012345678901234567890,"
						+ "\"petal_length\":0.000000000000000000000000000000000001,\"petal_width\":9007199254740993}")));
		all.add(post("iris/pretty-printed", alias(IRIS), """
				{
				  "id" : "pretty",
				  "instances" : [
				\t{ "sepal_length" : 5.1 , "sepal_width" : 3.5,
				\t  "petal_length" : 1.4, "petal_width" : 0.2 }
				  ]
				}
				"""));
		all.add(post("iris/id-unicode", alias(IRIS),
				"{\"id\":\"caf\u00e9-\u2713-\u65e5\u672c-\ud83d\ude00\",\"instances\":[" + SETOSA + "]}"));
		all.add(post("iris/id-escapes", alias(IRIS),
				"{\"id\":\"q\\\" b\\\\ t\\t n\\n c\\u0001 s\\/ e\\u00e9 l\\u2028 <>&'\",\"instances\":[" + SETOSA
						+ "]}"));
		all.add(post("iris/id-null", alias(IRIS), "{\"id\":null,\"instances\":[" + SETOSA + "]}"));
		all.add(post("iris/id-empty", alias(IRIS), "{\"id\":\"\",\"instances\":[" + SETOSA + "]}"));
		all.add(post("iris/batch-at-limit", version(IRIS, 1), instances(rows(50))));
		all.add(post("cart/alias/categorical", alias(CART), instances(BISCOE)));
		all.add(post("cart/version/every-island", version(CART, 1),
				instances(BISCOE + ",{\"island\":\"Dream\",\"bill_length_mm\":50.9,\"flipper_length_mm\":196},"
						+ "{\"island\":\"Torgersen\",\"bill_length_mm\":39.5,\"flipper_length_mm\":186}")));
		all.add(post("forest/alias/three-species", alias(FOREST), instances(GENTOO + "," + CHINSTRAP + "," + ADELIE)));
		all.add(post("forest/missing-as-null-and-absent", alias(FOREST),
				instances("{\"island\":\"Dream\",\"sex\":null,\"bill_length_mm\":null,\"bill_depth_mm\":18.0},"
						+ "{\"island\":\"Biscoe\"}")));
		all.add(post("forest/unseen-category-as-zeros", alias(FOREST),
				instances("{\"island\":\"Atlantis\",\"sex\":\"MALE\",\"bill_length_mm\":45,\"bill_depth_mm\":15,"
						+ "\"flipper_length_mm\":215}")));
		all.add(post("xgboost/alias/three-species", alias(XGBOOST),
				instances(GENTOO + "," + CHINSTRAP + "," + ADELIE)));
		all.add(post("xgboost/version/missing-values", version(XGBOOST, 1), instances("{\"island\":\"Biscoe\"}")));
		all.add(post("mass/alias/regression", alias(MASS),
				"{\"id\":\"mass\",\"instances\":[" + HEAVY_GENTOO
						+ ",{\"species\":\"Adelie\",\"island\":\"Dream\",\"sex\":null,\"bill_length_mm\":36.6,"
						+ "\"bill_depth_mm\":18.4,\"flipper_length_mm\":184}]}"));
		all.add(post("mass/version/regression", version(MASS, 1), instances(HEAVY_GENTOO)));
		// Content negotiation
		all.add(post("iris/content-type-charset-utf8", alias(IRIS), instances(SETOSA)).header("Content-Type",
				"application/json;charset=UTF-8"));
		all.add(post("iris/content-type-charset-latin1", alias(IRIS),
				"{\"id\":\"caf\u00e9\",\"instances\":[" + SETOSA + "]}")
			.header("Content-Type", "application/json; charset=ISO-8859-1")
			.charset(StandardCharsets.ISO_8859_1));
		all.add(post("iris/accept-json", alias(IRIS), instances(SETOSA)).header("Accept", "application/json"));
		all.add(post("iris/accept-any", alias(IRIS), instances(SETOSA)).header("Accept", "*/*"));
		all.add(post("iris/accept-xml", alias(IRIS), instances(SETOSA)).header("Accept", "application/xml"));
		all.add(post("iris/accept-yaml", alias(IRIS), instances(SETOSA)).header("Accept", "application/yaml"));
		all.add(post("iris/accept-problem-json", alias(IRIS), instances(SETOSA)).header("Accept",
				"application/problem+json"));
		all.add(post("iris/accept-problem-json-on-error", alias(IRIS), instances("{\"sepal_length\":5.1}"))
			.header("Accept", "application/problem+json"));
		all.add(post("iris/accept-json-on-error", alias(IRIS), instances("{\"sepal_length\":5.1}")).header("Accept",
				"application/json"));
		all.add(post("iris/accept-yaml-on-error", alias(IRIS), instances("{\"sepal_length\":5.1}")).header("Accept",
				"application/yaml"));
		all.add(post("iris/accept-xml-on-error", alias(IRIS), instances("{\"sepal_length\":5.1}")).header("Accept",
				"application/xml"));
		all.add(post("iris/content-type-text-plain", alias(IRIS), instances(SETOSA)).header("Content-Type",
				"text/plain"));
		all.add(post("iris/content-type-absent", alias(IRIS), instances(SETOSA)).header("Content-Type", null));
		all.add(post("iris/content-type-xml", alias(IRIS), "<instances/>").header("Content-Type", "application/xml"));
		// Schema violations
		all.add(post("iris/unknown-feature", alias(IRIS),
				instances("{\"sepal_length\":5.1,\"sepal_width\":3.5,\"petal_length\":1.4,\"petal_width\":0.2,"
						+ "\"petal_colour\":\"blue\"}")));
		all.add(post("iris/missing-feature", alias(IRIS),
				instances("{\"sepal_length\":5.1,\"sepal_width\":3.5,\"petal_length\":1.4}")));
		all.add(post("iris/null-not-allowed", alias(IRIS),
				instances("{\"sepal_length\":null,\"sepal_width\":3.5,\"petal_length\":1.4,\"petal_width\":0.2}")));
		all.add(post("iris/wrong-types", version(IRIS, 1),
				instances("{\"sepal_length\":\"5.1\",\"sepal_width\":true,\"petal_length\":{\"cm\":1.4},"
						+ "\"petal_width\":[0.2]}")));
		all.add(post("iris/not-finite", alias(IRIS), instances("{\"sepal_length\":1e400,\"sepal_width\":-1e400,"
				+ "\"petal_length\":1" + "0".repeat(330) + ",\"petal_width\":0.2}")));
		all.add(post("iris/rows-not-objects", alias(IRIS), instances("42,\"setosa\",null,[5.1],true," + SETOSA)));
		all.add(post("iris/instances-empty", alias(IRIS), "{\"instances\":[]}"));
		all.add(post("iris/instances-absent", alias(IRIS), "{\"id\":\"nothing\"}"));
		all.add(post("iris/instances-null", alias(IRIS), "{\"instances\":null}"));
		all.add(post("iris/batch-over-limit", alias(IRIS), instances(rows(51))));
		all.add(post("cart/number-for-categorical", alias(CART),
				instances("{\"island\":3,\"bill_length_mm\":45.1,\"flipper_length_mm\":210}")));
		all.add(post("cart/unknown-category", alias(CART),
				instances("{\"island\":\"dream\",\"bill_length_mm\":45.1,\"flipper_length_mm\":210}")));
		all.add(post("cart/null-categorical", version(CART, 1),
				instances("{\"island\":null,\"bill_length_mm\":45.1,\"flipper_length_mm\":210}")));
		all.add(post("cart/every-violation-at-once", alias(CART), """
				{"instances": [
				  {"island": "Atlantis", "bill_length_mm": "long", "flipper_length_mm": null, "beak_colour": "red"},
				  {"island": "Dream", "bill_length_mm": 1e400},
				  42,
				  {"island": "Biscoe", "bill_length_mm": 45.1, "flipper_length_mm": 210},
				  {"island": false, "bill_length_mm": [], "flipper_length_mm": {}}
				]}"""));
		all.add(post("forest/wrong-type-where-missing-allowed", alias(FOREST),
				instances("{\"island\":\"Dream\",\"sex\":1,\"bill_length_mm\":\"\",\"bill_depth_mm\":18.0}")));
		all.add(post("mass/wrong-type", alias(MASS), instances(
				"{\"species\":[\"Gentoo\"],\"island\":\"Biscoe\",\"sex\":\"MALE\",\"bill_length_mm\":50.0,\"bill_depth_mm\":16.3}")));
		// Bodies that cannot be read as a request
		all.add(post("iris/unknown-top-level-field", alias(IRIS), "{\"instance\":[" + SETOSA + "]}"));
		all.add(post("iris/extra-top-level-field", alias(IRIS), "{\"instances\":[" + SETOSA + "],\"explain\":true}"));
		all.add(post("iris/duplicate-key-in-instance", alias(IRIS),
				instances("{\"sepal_length\":5.1,\"sepal_width\":3.5,\"petal_length\":1.4,\"petal_width\":0.2,"
						+ "\"sepal_length\":7.0}")));
		all.add(post("iris/duplicate-key-top-level", alias(IRIS),
				"{\"instances\":[" + SETOSA + "],\"instances\":[" + VERSICOLOR + "]}"));
		all.add(post("iris/instances-an-object", alias(IRIS), "{\"instances\":" + SETOSA + "}"));
		all.add(post("iris/instances-a-string", alias(IRIS), "{\"instances\":\"all\"}"));
		all.add(post("iris/id-a-number", alias(IRIS), "{\"id\":7,\"instances\":[" + SETOSA + "]}"));
		all.add(post("iris/id-an-object", alias(IRIS), "{\"id\":{},\"instances\":[" + SETOSA + "]}"));
		all.add(post("iris/body-json-null", alias(IRIS), "null"));
		all.add(post("iris/body-an-array", alias(IRIS), "[" + SETOSA + "]"));
		all.add(post("iris/body-a-string", alias(IRIS), "\"instances\""));
		all.add(post("iris/malformed-truncated", alias(IRIS), "{\"instances\": [{\"sepal_length\": 5.1,"));
		all.add(post("iris/malformed-bad-token", alias(IRIS),
				"{\"instances\":[{\"sepal_length\":NaN,\"sepal_width\":3.5,\"petal_length\":1.4,\"petal_width\":0.2}]}"));
		all.add(post("iris/malformed-single-quotes", alias(IRIS), "{'instances':[]}"));
		all.add(post("iris/malformed-trailing-comma", alias(IRIS), "{\"instances\":[" + SETOSA + ",]}"));
		all.add(post("iris/trailing-garbage", alias(IRIS), instances(SETOSA) + " garbage"));
		all.add(post("iris/trailing-second-object", alias(IRIS), instances(SETOSA) + "{}"));
		all.add(post("iris/body-empty", alias(IRIS), ""));
		all.add(post("iris/body-whitespace", alias(IRIS), " \n\t "));
		// What the request names
		all.add(post("unknown-model/version", version("bytes-no-such-model", 1), instances(SETOSA)));
		all.add(post("unknown-model/alias", alias("bytes-no-such-model"), instances(SETOSA)));
		all.add(post("iris/unknown-alias", "/api/v1/models/" + IRIS + "/aliases/canary/predict", instances(SETOSA)));
		all.add(post("iris/unknown-version", version(IRIS, 99), instances(SETOSA)));
		all.add(post("iris/version-zero", version(IRIS, 0), instances(SETOSA)));
		all.add(post("iris/version-not-a-number", "/api/v1/models/" + IRIS + "/versions/latest/predict",
				instances(SETOSA)));
		all.add(post("invalid-model-name", version("Iris_Model", 1), instances(SETOSA)));
		// Keys and methods
		all.add(post("iris/no-key", alias(IRIS), instances(SETOSA)).header("Authorization", null));
		all.add(post("iris/wrong-key", alias(IRIS), instances(SETOSA)).header("Authorization",
				"Bearer rsk_not-a-key-of-this-service"));
		all.add(post("iris/basic-auth", alias(IRIS), instances(SETOSA)).header("Authorization",
				"Basic YWRtaW46YWRtaW4="));
		all.add(new Exchange("iris/get-on-predict", "GET", alias(IRIS), headers(false), null, StandardCharsets.UTF_8));
		all.add(new Exchange("iris/put-on-predict", "PUT", version(IRIS, 1), headers(true), instances(SETOSA),
				StandardCharsets.UTF_8));
		return all;
	}

	// Recording

	/** Sends one request and describes it and its answer as a golden-file block. */
	private String send(Exchange exchange) {
		byte[] body = (exchange.body() != null) ? exchange.body().getBytes(exchange.charset()) : null;
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + exchange.path()))
			.timeout(Duration.ofSeconds(30))
			.method(exchange.method(), (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		exchange.headers().forEach(request::header);
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		StringBuilder block = new StringBuilder();
		block.append("> ").append(exchange.method()).append(' ').append(exchange.path()).append('\n');
		exchange.headers()
			.forEach((name, value) -> block.append("> ").append(name).append(": ").append(shown(value)).append('\n'));
		if (exchange.body() != null) {
			if (!exchange.charset().equals(StandardCharsets.UTF_8)) {
				block.append("> (body sent as ").append(exchange.charset().name()).append(")\n");
			}
			block.append(">\n").append(requestText(exchange)).append('\n');
		}
		byte[] answer = masked(response.body());
		String text = readable(answer);
		block.append("< ")
			.append(response.statusCode())
			.append(' ')
			.append(response.headers().firstValue("Content-Type").orElse("(no Content-Type)"))
			.append(" (")
			.append(answer.length)
			.append((text != null) ? " bytes)" : " bytes, base64)")
			.append('\n');
		if (answer.length > 0) {
			block.append((text != null) ? text : Base64.getEncoder().encodeToString(answer)).append('\n');
		}
		return block.append('\n').toString();
	}

	private static String shown(String headerValue) {
		return headerValue.replace(TestKeys.ADMIN, "<TestKeys.ADMIN>");
	}

	private static String requestText(Exchange exchange) {
		String body = exchange.body();
		if (body.startsWith("### ") || body.contains("\n### ") || body.contains("\r")) {
			throw new IllegalStateException("A request body the golden file cannot show: " + exchange.name());
		}
		return body;
	}

	/**
	 * Each model's recorded SHA-256 replaced by a placeholder; the placeholders are
	 * ASCII, so no UTF-8 sequence is split.
	 */
	private static byte[] masked(byte[] body) {
		String latin1 = new String(body, StandardCharsets.ISO_8859_1);
		for (Map.Entry<String, String> sha : SHAS.entrySet()) {
			latin1 = latin1.replace(sha.getValue(), "<sha256 of " + sha.getKey() + " v1>");
		}
		return latin1.getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * The body as text when it can be shown as is: valid UTF-8, no control character
	 * other than newline and tab, and no line that would start a new block. Otherwise
	 * null, and the block shows it in base64. Either way the block (with the byte count)
	 * determines the bytes.
	 */
	private static @Nullable String readable(byte[] body) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
		boolean plain = text.chars().allMatch((c) -> c == '\n' || c == '\t' || !Character.isISOControl(c));
		return (plain && !text.startsWith("### ") && !text.contains("\n### ")) ? text : null;
	}

	private static String header() {
		return """
				# Predict responses of the current code, byte for byte, recorded by PredictResponseBytesTests.
				# Each block: "### case", the request ("> " lines, then the body after ">"), then
				# "< status Content-Type (n bytes)" and the response body exactly as sent, followed by a newline
				# (base64 where it is not plain UTF-8 text). Bundle SHA-256s are masked as <sha256 of MODEL v1>
				# (training puts its time into the bundle) and n counts the masked body.
				# Record again: ./mvnw test -Dtest=PredictResponseBytesTests -Dreproserve.responses.write=true

				""";
	}

	/** The blocks of a golden file by case name, each as {@link #send} describes it. */
	private static Map<String, String> parse(String golden) {
		Map<String, String> blocks = new LinkedHashMap<>();
		// Every block starts a line with "### " (no body line can, see readable).
		int start = golden.startsWith("### ") ? 0 : golden.indexOf("\n### ") + 1;
		if (start == 0 && !golden.startsWith("### ")) {
			return blocks;
		}
		while (start >= 0) {
			int next = golden.indexOf("\n### ", start);
			String block = golden.substring(start + "### ".length(), (next < 0) ? golden.length() : next + 1);
			blocks.put(block.substring(0, block.indexOf('\n')), block);
			start = (next < 0) ? -1 : next + 1;
		}
		return blocks;
	}

	// Setup

	/**
	 * Registers a model's first version unless it is there already (the database can
	 * outlive a run), points {@code production} at it and remembers its SHA-256.
	 */
	private void register(String name, PipelineSpec spec, TrainingData data) {
		if (SHAS.containsKey(name)) {
			return;
		}
		if (!exists(name)) {
			byte[] trained = ModelTrainer.train(name, spec, data).bundle();
			byte[] bundle = TestModels.rewrittenAt(BundleCodec.open(trained, null), CREATED_AT);
			this.registry.register(name, bundle, "tests");
		}
		this.serving.moveAlias(name, "production", 1, "tests", "pin the bytes of predict responses");
		SHAS.put(name, this.registry.versionRef(name, 1).bundleSha256());
	}

	private boolean exists(String name) {
		try {
			this.registry.model(name);
			return true;
		}
		catch (ModelNotFoundException ex) {
			return false;
		}
	}

	private static TrainerCases.Case trainerCase(String name) {
		return TrainerCases.all()
			.stream()
			.filter((c) -> c.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No trainer case " + name));
	}

	// Requests

	private static String alias(String model) {
		return "/api/v1/models/" + model + "/aliases/production/predict";
	}

	private static String version(String model, int version) {
		return "/api/v1/models/" + model + "/versions/" + version + "/predict";
	}

	private static String instances(String rows) {
		return "{\"instances\":[" + rows + "]}";
	}

	/** Iris rows cycling through the three species. */
	private static String rows(int count) {
		List<String> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(List.of(SETOSA, VERSICOLOR, VIRGINICA).get(i % 3));
		}
		return String.join(",", rows);
	}

	private static Exchange post(String name, String path, String body) {
		return new Exchange(name, "POST", path, headers(true), body, StandardCharsets.UTF_8);
	}

	private static Map<String, String> headers(boolean json) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer " + TestKeys.ADMIN);
		if (json) {
			headers.put("Content-Type", "application/json");
		}
		return headers;
	}

	/**
	 * One request: the headers are all that is sent besides what HTTP/1.1 itself needs
	 * ({@code Host}, {@code Content-Length}, the JDK client's {@code User-Agent}).
	 */
	private record Exchange(String name, String method, String path, Map<String, String> headers, @Nullable String body,
			Charset charset) {

		/** This request with a header set, or removed where {@code value} is null. */
		Exchange header(String header, @Nullable String value) {
			Map<String, String> headers = new LinkedHashMap<>(this.headers);
			if (value == null) {
				headers.remove(header);
			}
			else {
				headers.put(header, value);
			}
			return new Exchange(this.name, this.method, this.path, headers, this.body, this.charset);
		}

		Exchange charset(Charset charset) {
			return new Exchange(this.name, this.method, this.path, this.headers, this.body, charset);
		}

	}

}
