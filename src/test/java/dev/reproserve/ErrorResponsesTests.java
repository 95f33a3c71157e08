package dev.reproserve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.bundle.Sha256;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.VersionSummary;
import dev.reproserve.serving.ModelServing;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestModels;
import dev.reproserve.training.TrainingService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.PROBLEMS;
import static dev.reproserve.support.ProblemAssert.problem;
import static dev.reproserve.support.ProblemAssert.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every problem a client can provoke, over real HTTP against the running service: status,
 * media type, stable type URI, title, the members a client needs to react, and no
 * internals in the body.
 */
@ReproserveTest
class ErrorResponsesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// Training is pure and deterministic; each test still registers its own model name.
	private static byte[] irisBundle;

	private static byte[] penguinsBundle;

	private ReproserveClient client;

	@Autowired
	ModelRegistry registry;

	@Autowired
	ModelServing serving;

	@Autowired
	TrainingService training;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	void client(RestTestClient rest) {
		this.client = new ReproserveClient(rest);
	}

	@Test
	void predictsWithValidInstance() {
		VersionSummary iris = registerIris();

		Response response = postJson(predictPath(iris.model(), 1),
				"{\"id\":\"req-1\",\"instances\":[" + json(TestModels.setosa()) + "]}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.mediaType()).isEqualTo(MediaType.APPLICATION_JSON);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.path("id").asString()).isEqualTo("req-1");
		assertThat(body.path("model").asString()).isEqualTo(iris.model());
		assertThat(body.path("version").asInt()).isEqualTo(1);
		assertThat(body.path("bundleSha256").asString()).isEqualTo(iris.bundleSha256());
		assertThat(body.path("predictions")).hasSize(1);
		JsonNode prediction = body.path("predictions").get(0);
		assertThat(prediction.path("label").asString()).isEqualTo("setosa");
		JsonNode scores = prediction.path("scores");
		assertThat(scores.propertyNames()).containsExactlyInAnyOrder("setosa", "versicolor", "virginica");
		double sum = 0;
		for (String label : scores.propertyNames()) {
			assertThat(scores.path(label).asDouble()).isBetween(0.0, 1.0);
			sum += scores.path(label).asDouble();
		}
		assertThat(sum).isCloseTo(1.0, within(1e-6));
		assertThat(scores.path("setosa").asDouble()).isGreaterThan(scores.path("versicolor").asDouble())
			.isGreaterThan(scores.path("virginica").asDouble());
	}

	@Test
	void listsEveryViolationAtOnce() {
		VersionSummary penguins = registerPenguins();
		String body = """
				{"instances": [
				  {"island": "Atlantis", "bill_length_mm": "long", "flipper_length_mm": null, "beak_colour": "red"},
				  {"island": "Dream", "bill_length_mm": 1e400},
				  42,
				  {"island": "Biscoe", "bill_length_mm": 45.1, "flipper_length_mm": 210},
				  {"island": 3, "bill_length_mm": %s, "flipper_length_mm": 200}
				]}""".formatted("1" + "0".repeat(330));

		JsonNode problem = problem(postJson(predictPath(penguins.model(), 1), body), 422, "schema-violation",
				"Request does not match the model's input schema");

		assertThat(problem.path("model").asString()).isEqualTo(penguins.model());
		assertThat(problem.path("version").asInt()).isEqualTo(1);
		assertThat(violations(problem)).containsExactlyInAnyOrder("0 island unknown-category",
				"0 bill_length_mm wrong-type", "0 flipper_length_mm null", "0 beak_colour unexpected",
				"1 bill_length_mm not-finite", "1 flipper_length_mm missing", "2 - not-an-object",
				"4 island wrong-type", "4 bill_length_mm not-finite");
		assertThat(problem.path("detail").asString()).startsWith("9 violation(s)")
			.contains("/api/v1/models/" + penguins.model() + "/versions/1/schema");
		JsonNode unknownCategory = violation(problem, 0, "island");
		assertThat(unknownCategory.path("expected").asString()).contains("Biscoe", "Dream", "Torgersen");
		assertThat(unknownCategory.path("actual").asString()).isEqualTo("string \"Atlantis\"");
		assertThat(violation(problem, 0, "bill_length_mm").path("actual").asString()).isEqualTo("string \"long\"");
		assertThat(violation(problem, 2, null).path("actual").asString()).isEqualTo("number");
		// An echoed 331-digit number is cut short rather than copied whole into the
		// response.
		assertThat(violation(problem, 4, "bill_length_mm").path("actual").asString()).hasSizeLessThan(100);
	}

	@Test
	void rejectsUnknownCategory() {
		VersionSummary penguins = registerPenguins();
		this.serving.moveAlias(penguins.model(), "production", 1, "tests", "serve penguins");

		JsonNode problem = problem(
				postJson("/api/v1/models/" + penguins.model() + "/aliases/production/predict",
						"{\"instances\":[{\"island\":\"dream\",\"bill_length_mm\":39.5,\"flipper_length_mm\":186}]}"),
				422, "schema-violation", "Request does not match the model's input schema");

		assertThat(problem.path("model").asString()).isEqualTo(penguins.model());
		assertThat(problem.path("version").asInt()).isEqualTo(1);
		assertThat(violations(problem)).containsExactly("0 island unknown-category");
		JsonNode violation = violation(problem, 0, "island");
		assertThat(violation.path("expected").asString()).isEqualTo("a JSON string, one of [Biscoe, Dream, Torgersen]");
		assertThat(violation.path("actual").asString()).isEqualTo("string \"dream\"");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			no instances member | {"id":"no-instances"} | missing-instances | expected | instances
			an empty batch      | {"instances":[]}      | empty-batch       | actual   | []
			""")
	void refusesAPredictRequestWithoutInstancesAsASchemaViolation(String what, String body, String violation,
			String member, String mentioned) {
		VersionSummary iris = registerIris();

		JsonNode problem = problem(postJson(predictPath(iris.model(), 1), body), 422, "schema-violation",
				"Request does not match the model's input schema");

		assertThat(violations(problem)).as(what).containsExactly("- - " + violation);
		assertThat(problem.path("violations").get(0).path(member).asString()).contains(mentioned);
	}

	@Test
	void rejectsBatchOverTheLimit() {
		VersionSummary iris = registerIris();
		String instance = json(TestModels.setosa());

		JsonNode problem = problem(
				postJson(predictPath(iris.model(), 1),
						"{\"instances\":[" + String.join(",", Collections.nCopies(51, instance)) + "]}"),
				413, "payload-too-large", "Payload too large");

		assertThat(problem.path("limit").asInt()).isEqualTo(50);
		assertThat(problem.path("detail").asString()).contains("51", "50");
	}

	@Test
	void acceptsBatchAtTheLimit() {
		VersionSummary iris = registerIris();
		String instance = json(TestModels.setosa());

		Response response = postJson(predictPath(iris.model(), 1),
				"{\"instances\":[" + String.join(",", Collections.nCopies(50, instance)) + "]}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).path("predictions")).hasSize(50);
	}

	/**
	 * Predict bodies that cannot be read as a request: what is sent, and what the detail
	 * must name.
	 */
	static Stream<Arguments> unreadablePredictBodies() {
		String setosa = json(TestModels.setosa());
		return Stream.of(
				Arguments.of("malformed JSON", "{\"instances\": [{\"sepal_length\": 5.1,",
						List.of("Not valid JSON", "line 1")),
				// Silently keeping one of two values would predict from a guess.
				Arguments.of("a duplicate key in an instance",
						"{\"instances\":[{\"sepal_length\":5.1,\"sepal_width\":3.5,\"petal_length\":1.4,"
								+ "\"petal_width\":0.2,\"sepal_length\":7.0}]}",
						List.of("sepal_length", "uplicate")),
				Arguments.of("an unknown top-level property", "{\"instance\":[" + setosa + "]}",
						List.of("'instance'", "instances")),
				Arguments.of("instances that are not an array", "{\"instances\":" + setosa + "}",
						List.of("'instances'", "an array")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unreadablePredictBodies")
	void refusesAnUnreadablePredictBodyWith400(String what, String body, List<String> detailNames) {
		VersionSummary iris = registerIris();

		JsonNode problem = problem(postJson(predictPath(iris.model(), 1), body), 400, "malformed-request",
				"Malformed request body");

		assertThat(problem.path("detail").asString()).as(what).contains(detailNames);
	}

	/**
	 * Requests refused for what they name or how they are sent, one row each: {@code {m}}
	 * stands for a registered iris model and {@code SETOSA} for one valid instance; the
	 * members are those a client reacts to, and the detail names what was wrong.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					an unknown model         | POST | /api/v1/models/no-such-model/versions/1/predict | {"instances":[SETOSA]} | 404 | model-not-found        | Model not found        | model=no-such-model       | no-such-model
					an unknown version       | GET  | /api/v1/models/{m}/versions/99                 | -                      | 404 | version-not-found      | Version not found      | model={m};version=99      | 99
					predict on a version that is not there | POST | /api/v1/models/{m}/versions/2/predict | {"instances":[SETOSA]} | 404 | version-not-found | Version not found | model={m};version=2 | 2
					an unknown alias         | POST | /api/v1/models/{m}/aliases/staging/predict     | {"instances":[SETOSA]} | 404 | alias-not-found        | Alias not found        | model={m};alias=staging   | staging
					an unknown route         | GET  | /api/v1/no-such-thing                          | -                      | 404 | not-found              | Not Found              | instance=/api/v1/no-such-thing | no-such-thing
					a page size of zero      | GET  | /api/v1/models/{m}/history?size=0              | -                      | 400 | invalid-parameter      | Invalid parameter      | parameter=size            | size
					a version that is not a number | GET | /api/v1/models/{m}/versions/latest         | -                      | 400 | invalid-parameter      | Invalid parameter      | -                         | version, latest, a whole number
					an alias name that starts with a digit | PUT | /api/v1/models/{m}/aliases/1st | {"version":1,"actor":"tests","reason":"an alias must start with a letter"} | 422 | invalid-name | Invalid name | name=1st;pattern=[a-z][a-z0-9._-]{0,63} | 1st
					""")
	void refusesARequestWithAProblemThatNamesWhatWasWrong(String what, HttpMethod method, String path,
			@Nullable String body, int status, String type, String title, @Nullable String members,
			String detailNames) {
		String model = registerIris().model();
		String target = path.replace("{m}", model);

		Response response = (body == null) ? this.client.send(method, target)
				: this.client.sendJson(method, target, body.replace("SETOSA", json(TestModels.setosa())));

		JsonNode problem = problem(response, status, type, title);
		if (members != null) {
			for (String member : members.split(";")) {
				String[] nameAndValue = member.split("=", 2);
				assertThat(problem.path(nameAndValue[0]).asString()).as(what + ": " + nameAndValue[0])
					.isEqualTo(nameAndValue[1].replace("{m}", model));
			}
		}
		assertThat(problem.path("detail").asString()).as(what).contains(detailNames.split(", "));
		// Nothing a refused request named came to be.
		assertThat(get("/api/v1/models/" + model + "/aliases").body()).doesNotContain("1st", "staging");
	}

	@Test
	void refusesAPredictionThatIsNotJsonWith415() {
		VersionSummary iris = registerIris();

		JsonNode problem = problem(post(predictPath(iris.model(), 1), "text/plain", "sepal_length=5.1"), 415,
				"unsupported-media-type", "Unsupported Media Type");

		assertThat(problem.path("detail").asString()).contains("text/plain");
	}

	@Test
	void rejectsInvalidModelNameOnRegistration() {
		JsonNode problem = problem(post("/api/v1/models/Iris_Model/versions", "application/octet-stream", irisBundle()),
				422, "invalid-name", "Invalid name");

		assertThat(problem.path("name").asString()).isEqualTo("Iris_Model");
		assertThat(problem.path("pattern").asString()).isEqualTo("[a-z0-9][a-z0-9._-]{0,63}");
	}

	/** Uploads that are not a model bundle, and what the reason must name. */
	static Stream<Arguments> notBundles() {
		return Stream.of(
				Arguments.of("text instead of a ZIP",
						"this is not a model bundle, just text".getBytes(StandardCharsets.UTF_8), "manifest.json"),
				Arguments.of("a manifest that is JSON null", zip("null"), "manifest"),
				// The reason names the manifest, never the Java type it failed to bind.
				Arguments.of("a manifest of the wrong shape", zip("{\"formatVersion\":1,\"inputSchema\":5}"),
						"manifest"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("notBundles")
	void refusesAnUploadThatIsNotABundleAndRegistersNothing(String what, byte[] upload, String reasonNames) {
		String name = uniqueName("bundle");

		JsonNode problem = problem(post("/api/v1/models/" + name + "/versions", "application/octet-stream", upload),
				422, "invalid-bundle", "Invalid model bundle");

		assertThat(problem.path("reason").asString()).as(what).contains(reasonNames);
		assertThat(get("/api/v1/models/" + name + "/versions").statusCode()).isEqualTo(404);
	}

	@Test
	void rejectsUnsupportedMethod() {
		VersionSummary iris = registerIris();

		Response response = this.client.send(HttpMethod.DELETE, "/api/v1/models/" + iris.model() + "/versions/1");

		problem(response, 405, "method-not-allowed", "Method Not Allowed");
		assertThat(response.header("Allow")).hasValueSatisfying((allow) -> assertThat(allow).contains("GET"));
		// The version is still there.
		assertThat(get("/api/v1/models/" + iris.model() + "/versions/1").statusCode()).isEqualTo(200);
	}

	@Test
	void rejectsAliasMoveWithoutVersionAndReason() {
		VersionSummary iris = registerIris();

		JsonNode problem = problem(
				putJson("/api/v1/models/" + iris.model() + "/aliases/production", "{\"actor\":\"tests\"}"), 422,
				"invalid-request", "Invalid request");

		List<String> fields = new ArrayList<>();
		problem.path("problems").forEach((sentence) -> fields.add(sentence.asString().split(" ")[0]));
		assertThat(fields).containsExactlyInAnyOrder("version", "reason");
		assertThat(problem.has("errors")).isFalse();
		assertThat(get("/api/v1/models/" + iris.model() + "/aliases").body()).doesNotContain("production");
	}

	@Test
	void rejectsGarbageBundleUploadedAsMultipart() {
		String name = uniqueName("garbage");
		Response response = this.client.postParts("/api/v1/models/" + name + "/versions?actor=tests",
				ReproserveClient.part("bundle", "model.zip", "application/zip",
						"PK\u0003\u0004 truncated".getBytes(StandardCharsets.ISO_8859_1)));

		JsonNode problem = problem(response, 422, "invalid-bundle", "Invalid model bundle");

		assertThat(problem.path("reason").asString()).isNotBlank();
	}

	@Test
	void listsEveryProblemOfATrainingSpec() {
		String spec = """
				{
				  "formatVersion": 1,
				  "task": "classification",
				  "target": "species",
				  "features": [
				    { "name": "sepal_length", "type": "numeric" },
				    { "name": "petal_colour", "type": "categorical" },
				    { "name": "species", "type": "categorical" }
				  ],
				  "trainer": { "type": "logistic-regression", "hyperparameters": { "epochs": 5, "momentum": 0.9 } },
				  "seed": 42
				}""";

		JsonNode problem = problem(train(uniqueName("spec"), spec), 422, "invalid-training-request",
				"Invalid training request");

		assertThat(problems(problem)).hasSize(3)
			.anySatisfy((p) -> assertThat(p).contains("'petal_colour'", "not in the data"))
			.anySatisfy((p) -> assertThat(p).contains("target 'species'", "cannot also be a feature"))
			.anySatisfy((p) -> assertThat(p).contains("no hyperparameter 'momentum'", "epochs"));
	}

	@Test
	void listsUnknownTrainerWithTheOtherSpecProblems() {
		// A trainer's hyperparameters can only be checked once the trainer is known, so
		// an unknown trainer and an unknown hyperparameter cannot be reported together.
		String spec = """
				{
				  "formatVersion": 1,
				  "task": "classification",
				  "target": "species",
				  "features": [
				    { "name": "petal_colour", "type": "categorical" },
				    { "name": "species", "type": "categorical" }
				  ],
				  "trainer": { "type": "deep-forest", "hyperparameters": { "trees": 100 } },
				  "seed": 42
				}""";

		JsonNode problem = problem(train(uniqueName("spec"), spec), 422, "invalid-training-request",
				"Invalid training request");

		assertThat(problems(problem)).hasSize(3)
			.anySatisfy((p) -> assertThat(p).contains("'petal_colour'", "not in the data"))
			.anySatisfy((p) -> assertThat(p).contains("target 'species'", "cannot also be a feature"))
			.anySatisfy((p) -> assertThat(p).contains("unknown trainer 'deep-forest'", "logistic-regression"));
	}

	@Test
	void rejectsVersionWhoseStoredBundleWasAltered() {
		VersionSummary iris = registerIris();
		// No client can corrupt storage through the API (and the bundles table refuses
		// UPDATE), so this plays a storage fault: a version 2 whose stored bytes do not
		// hash to the SHA-256 the registry recorded for it.
		byte[] altered = irisBundle().clone();
		altered[altered.length / 2] ^= 0x01;
		String recorded = Sha256.hex(("recorded for " + iris.model()).getBytes(StandardCharsets.UTF_8));
		this.jdbc.update("INSERT INTO bundles (sha256, content, size_bytes, created_at) VALUES (?, ?, ?, now())",
				recorded, altered, altered.length);
		this.jdbc.update("UPDATE models SET last_version = 2 WHERE name = ?", iris.model());
		this.jdbc.update("""
				INSERT INTO model_versions (model_id, version, bundle_sha256, size_bytes, model_fingerprint,
				                            manifest, created_at, created_by)
				SELECT v.model_id, 2, ?, ?, v.model_fingerprint, v.manifest, now(), 'storage-fault'
				FROM model_versions v JOIN models m ON m.id = v.model_id
				WHERE m.name = ? AND v.version = 1""", recorded, altered.length, iris.model());

		JsonNode problem = problem(
				postJson(predictPath(iris.model(), 2), "{\"instances\":[" + json(TestModels.setosa()) + "]}"), 409,
				"version-not-servable", "Version cannot be served");

		assertThat(problem.path("model").asString()).isEqualTo(iris.model());
		assertThat(problem.path("version").asInt()).isEqualTo(2);
		assertThat(problem.path("reason").asString()).contains(recorded, "altered");
		// Version 1 is unaffected.
		assertThat(postJson(predictPath(iris.model(), 1), "{\"instances\":[" + json(TestModels.setosa()) + "]}")
			.statusCode()).isEqualTo(200);
	}

	@Test
	void rejectsTrainingDataWithUnterminatedQuote() {
		String csv = "sepal_length,sepal_width,petal_length,petal_width,species\n\"5.1,3.5,1.4,0.2,setosa\n";

		JsonNode problem = problem(post("/api/v1/datasets", "text/csv", csv), 422, "invalid-dataset",
				"Invalid dataset");

		assertThat(problems(problem)).singleElement().asString().contains("CSV");
	}

	@Test
	void rejectsNullTrainingSpec() {
		assertThat(problems(problem(train(uniqueName("spec"), "null"), 422, "invalid-training-request",
				"Invalid training request")))
			.containsExactly("spec is required: the pipeline spec to train with");
	}

	@Test
	void rejectsSplitThatLeavesTooFewTrainingRows() {
		// 150 rows with testFraction 0.99 leave one training row, of one class.
		String name = uniqueName("split");
		String spec = TestModels.irisSpecJson().replace("\"testFraction\": 0.3", "\"testFraction\": 0.99");

		JsonNode problem = problem(train(name, spec), 422, "invalid-training-request", "Invalid training request");

		assertThat(problems(problem)).isNotEmpty();
		assertThat(get("/api/v1/models/" + name + "/versions").statusCode()).isEqualTo(404);
	}

	@Test
	void describesMalformedTrainingSpecWithoutJavaNames() {
		String unknownProperty = TestModels.irisSpecJson()
			.replace("\"seed\": 42", "\"seed\": 42, \"optimizer\": \"adam\"");
		String unknownTask = TestModels.irisSpecJson().replace("\"classification\"", "\"clustering\"");

		assertThat(
				problem(train(uniqueName("spec"), unknownProperty), 400, "malformed-request", "Malformed request body")
					.path("detail")
					.asString())
			.contains("optimizer");
		assertThat(problem(train(uniqueName("spec"), unknownTask), 400, "malformed-request", "Malformed request body")
			.path("detail")
			.asString()).contains("clustering");
	}

	@Test
	void answersPageFarBeyondTheEndWithoutFailing() {
		VersionSummary iris = registerIris();

		for (String path : List.of("/versions?page=2147483647&size=100", "/history?page=100000000&size=100")) {
			Response response = get("/api/v1/models/" + iris.model() + path);
			// Either answer is sound: an empty page, or a refused parameter.
			if (response.statusCode() == 200) {
				assertThat(JSON.readTree(response.body()).path("items")).isEmpty();
			}
			else {
				assertThat(
						problem(response, 400, "invalid-parameter", "Invalid parameter").path("parameter").asString())
					.isEqualTo("page");
			}
		}
	}

	@Test
	void rejectsFractionalAliasVersion() {
		VersionSummary iris = registerIris();

		problem(putJson("/api/v1/models/" + iris.model() + "/aliases/production",
				"{\"version\":1.7,\"actor\":\"tests\",\"reason\":\"not a version number\"}"), 400, "malformed-request",
				"Malformed request body");

		assertThat(get("/api/v1/models/" + iris.model() + "/aliases").body()).doesNotContain("production");
	}

	@Test
	void rejectsFractionalTrainingSeed() {
		String name = uniqueName("seed");

		Response response = train(name, TestModels.irisSpecJson().replace("\"seed\": 42", "\"seed\": 42.5"));

		if (response.statusCode() == 422) {
			problem(response, 422, "invalid-training-request", "Invalid training request");
		}
		else {
			problem(response, 400, "malformed-request", "Malformed request body");
		}
		assertThat(get("/api/v1/models/" + name + "/versions").statusCode()).isEqualTo(404);
	}

	private VersionSummary registerIris() {
		return this.registry.register(uniqueName("iris"), irisBundle(), "tests").version();
	}

	private VersionSummary registerPenguins() {
		return this.registry.register(uniqueName("penguins"), penguinsBundle(), "tests").version();
	}

	private static synchronized byte[] irisBundle() {
		if (irisBundle == null) {
			irisBundle = TestModels.trainIris(11).bundle();
		}
		return irisBundle;
	}

	private synchronized byte[] penguinsBundle() {
		if (penguinsBundle == null) {
			penguinsBundle = this.training.train("penguins", TestModels.penguinsCartSpec(11), TestModels.penguinsData())
				.bundle();
		}
		return penguinsBundle;
	}

	/** A bundle-shaped ZIP: the two expected entries, the model entry not a model. */
	private static byte[] zip(String manifest) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("manifest.json"));
			zip.write(manifest.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("model.tribuo.pb"));
			zip.write(new byte[] { 1, 2, 3 });
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static String uniqueName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String predictPath(String model, int version) {
		return "/api/v1/models/" + model + "/versions/" + version + "/predict";
	}

	/**
	 * Each violation as "instance feature problem", "-" standing for an absent member.
	 */
	private static List<String> violations(JsonNode problem) {
		List<String> violations = new ArrayList<>();
		problem.path("violations")
			.forEach((v) -> violations.add(v.path("instance").asString("-") + " " + v.path("feature").asString("-")
					+ " " + v.path("problem").asString()));
		return violations;
	}

	private static JsonNode violation(JsonNode problem, int instance, String feature) {
		for (JsonNode v : problem.path("violations")) {
			if (v.path("instance").asInt(-1) == instance && (feature == null ? v.path("feature").isMissingNode()
					: feature.equals(v.path("feature").asString()))) {
				return v;
			}
		}
		throw new AssertionError("No violation for instance " + instance + ", feature " + feature + " in " + problem);
	}

	private static String json(Map<String, Object> value) {
		return JSON.writeValueAsString(value);
	}

	private Response train(String modelName, String spec) {
		return this.client.submitOn(TestModels.resource("examples/iris.csv"), modelName, spec);
	}

	private Response get(String path) {
		return this.client.get(path);
	}

	private Response postJson(String path, String json) {
		return this.client.postJson(path, json);
	}

	private Response putJson(String path, String json) {
		return this.client.putJson(path, json);
	}

	private Response post(String path, String contentType, String body) {
		return this.client.post(path, contentType, body);
	}

	private Response post(String path, String contentType, byte[] body) {
		return this.client.post(path, contentType, body);
	}

}
