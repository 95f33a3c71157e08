package dev.reproserve.oip;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.oip.OipModels.IRIS_INSTANCES;
import static dev.reproserve.oip.OipModels.irisColumns;
import static dev.reproserve.oip.OipModels.output;
import static dev.reproserve.oip.OipModels.request;
import static dev.reproserve.oip.OipModels.tensor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How tensors become features: every datatype where it fits and where it does not, shapes
 * against their data, the 2-D layout, values the schema refuses; and the outputs, which
 * are /api/v1's own to the bit for the same values.
 */
@ReproserveTest
class OipTensorTests {

	private static final List<Long> ONE = List.of(1L);

	private ReproserveClient client;

	@Autowired
	MeterRegistry meters;

	@Autowired
	void client(RestTestClient rest) {
		this.client = new ReproserveClient(rest);
	}

	@BeforeEach
	void models() {
		OipModels.train(this.client);
	}

	private JsonNode infer(String model, String body) {
		return OipSpec.inferenceResponse(this.client.postJson("/v2/models/" + model + "/infer", body));
	}

	private JsonNode refused(String model, String body) {
		return OipSpec.error(this.client.postJson("/v2/models/" + model + "/infer", body), 400);
	}

	private JsonNode predicted(String model, String body) {
		return this.client.postJson("/api/v1/models/" + model + "/aliases/production/predict", body)
			.json()
			.path("predictions");
	}

	/**
	 * The same labels, and every score or value the same double to the bit, as /api/v1's
	 * predictions.
	 */
	private static void sameAs(JsonNode predictions, JsonNode response, List<String> labels) {
		if (predictions.get(0).has("value")) {
			List<JsonNode> values = OipModels.data(output(response, "value"));
			assertThat(values).hasSize(predictions.size());
			for (int i = 0; i < values.size(); i++) {
				assertThat(bits(values.get(i))).isEqualTo(bits(predictions.get(i).path("value")));
			}
			return;
		}
		List<JsonNode> label = OipModels.data(output(response, "label"));
		List<JsonNode> scores = OipModels.data(output(response, "scores"));
		assertThat(label).hasSize(predictions.size());
		for (int i = 0; i < predictions.size(); i++) {
			assertThat(label.get(i).asString()).isEqualTo(predictions.get(i).path("label").asString());
			for (int k = 0; k < labels.size(); k++) {
				assertThat(bits(scores.get(i * labels.size() + k))).as("score of %s for instance %d", labels.get(k), i)
					.isEqualTo(bits(predictions.get(i).path("scores").path(labels.get(k))));
			}
		}
	}

	private static long bits(JsonNode number) {
		assertThat(number.isNumber()).as(String.valueOf(number)).isTrue();
		return Double.doubleToRawLongBits(number.asDouble());
	}

	private static List<String> labels(JsonNode response) {
		List<String> labels = new java.util.ArrayList<>();
		OipModels.JSON.readTree(output(response, "scores").path("parameters").path("labels").asString())
			.forEach((label) -> labels.add(label.asString()));
		return labels;
	}

	// The same outputs as /api/v1

	@Test
	void irisAnswersWhatApiV1AnswersToTheBit() {
		JsonNode response = infer(OipModels.iris(), irisColumns(null));

		sameAs(predicted(OipModels.iris(), IRIS_INSTANCES), response, labels(response));
	}

	@Test
	void oneTwoDimensionalTensorInTheSchemasOrderAnswersTheSame() {
		JsonNode columns = infer(OipModels.iris(), irisColumns(null));

		JsonNode flat = infer(OipModels.iris(),
				request(null, tensor("input__0", "FP64", List.of(2L, 4L), 5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3)));
		JsonNode nested = infer(OipModels.iris(), request(null,
				tensor("features", "FP64", List.of(2L, 4L), List.of(5.1, 3.5, 1.4, 0.2), List.of(6.7, 3.0, 5.2, 2.3))));

		assertThat(flat.path("outputs")).isEqualTo(columns.path("outputs"));
		assertThat(nested.path("outputs")).isEqualTo(columns.path("outputs"));
		JsonNode notAllNumeric = refused(OipModels.penguins(),
				request(null, tensor("input__0", "FP64", List.of(1L, 5L), 1, 2, 3, 4, 5)));
		assertThat(notAllNumeric.path("error").asString()).contains("'input__0': unexpected",
				"only for a model whose features are all numeric");
	}

	@Test
	void penguinsTakeCategoriesAsBytesAndNullWhereAValueMayBeMissing() {
		String body = request("p", tensor("island", "BYTES", List.of(3L), "Biscoe", "Dream", "Atlantis"),
				tensor("bill_length_mm", "FP64", List.of(3L), 45.2, null, 39.1),
				tensor("bill_depth_mm", "FP32", List.of(3L, 1L), List.of(15.5), List.of(18.3), List.of(18.7)),
				tensor("flipper_length_mm", "INT16", List.of(3L), 215, 190, 181),
				tensor("sex", "BYTES", List.of(3L), "FEMALE", null, "MALE"));

		JsonNode response = infer(OipModels.penguins(), body);

		// FP32 elements are the float the client held, widened: /api/v1 gets those
		// doubles.
		String instances = """
				{"instances": [
				  {"island": "Biscoe", "bill_length_mm": 45.2, "bill_depth_mm": %s, "flipper_length_mm": 215, "sex": "FEMALE"},
				  {"island": "Dream", "bill_length_mm": null, "bill_depth_mm": %s, "flipper_length_mm": 190, "sex": null},
				  {"island": "Atlantis", "bill_length_mm": 39.1, "bill_depth_mm": %s, "flipper_length_mm": 181, "sex": "MALE"}]}
				"""
			.formatted((double) 15.5f, (double) 18.3f, (double) 18.7f);
		sameAs(predicted(OipModels.penguins(), instances), response, labels(response));
		assertThat((double) 18.3f).isNotEqualTo(18.3);
	}

	@Test
	void anAbsentTensorOfAFeatureThatMayBeMissingIsImputedForEveryInstance() {
		String body = request(null, tensor("island", "BYTES", ONE, "Dream"),
				tensor("bill_length_mm", "FP64", ONE, 45.2), tensor("bill_depth_mm", "FP64", ONE, 17.0),
				tensor("flipper_length_mm", "FP64", ONE, 200.0));

		JsonNode response = infer(OipModels.penguins(), body);

		sameAs(predicted(OipModels.penguins(),
				"""
						{"instances": [{"island": "Dream", "bill_length_mm": 45.2, "bill_depth_mm": 17.0, "flipper_length_mm": 200.0}]}
						"""),
				response, labels(response));
	}

	@Test
	void regressionValuesAreApiV1sToTheBit() {
		String body = request(null, tensor("species", "BYTES", List.of(2L), "Gentoo", "Adelie"),
				tensor("sex", "BYTES", List.of(2L), "MALE", "FEMALE"),
				tensor("flipper_length_mm", "FP64", List.of(2L), 230.5, 185.25));

		sameAs(predicted(OipModels.mass(), """
				{"instances": [{"species": "Gentoo", "sex": "MALE", "flipper_length_mm": 230.5},
				               {"species": "Adelie", "sex": "FEMALE", "flipper_length_mm": 185.25}]}
				"""), infer(OipModels.mass(), body), List.of());
	}

	@Test
	void inferencesAreCountedAsPredictionsOfTheAliasedVersion() {
		double before = predictions(OipModels.iris());

		infer(OipModels.iris(), irisColumns(null));

		assertThat(predictions(OipModels.iris())).isEqualTo(before + 2);
	}

	private double predictions(String model) {
		var counter = this.meters.find("reproserve.predictions")
			.tags("model", model, "version", "1", "alias", "production")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	// Datatypes

	@ParameterizedTest
	@ValueSource(strings = { "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64", "FP32", "FP64" })
	void everyNumericDatatypeCarriesANumericFeatureExactly(String datatype) {
		String body = request(null, tensor("sepal_length", datatype, ONE, 6), tensor("sepal_width", datatype, ONE, 3),
				tensor("petal_length", datatype, ONE, 5), tensor("petal_width", datatype, ONE, 2));

		JsonNode response = infer(OipModels.iris(), body);

		sameAs(predicted(OipModels.iris(),
				"{\"instances\": [{\"sepal_length\": 6, \"sepal_width\": 3, \"petal_length\": 5, \"petal_width\": 2}]}"),
				response, labels(response));
	}

	@ParameterizedTest
	@ValueSource(strings = { "BYTES", "BOOL", "FP16", "BF16", "fp64", "FLOAT", "" })
	void aDatatypeANumericFeatureCannotTakeIsRefused(String datatype) {
		Object value = datatype.equals("BOOL") ? true : datatype.equals("BYTES") ? "5.1" : 5.1;
		String body = irisColumns(null).replaceFirst("\"datatype\":\"FP64\",\"data\":\\[5.1,6.7\\]",
				"\"datatype\":\"" + datatype + "\",\"data\":[" + OipModels.JSON.writeValueAsString(value) + ","
						+ OipModels.JSON.writeValueAsString(value) + "]");

		JsonNode error = refused(OipModels.iris(), body);

		assertThat(error.path("violations")).hasSize(1);
		assertThat(error.path("violations").get(0).path("problem").asString()).isEqualTo("wrong-datatype");
		assertThat(error.path("violations").get(0).path("feature").asString()).isEqualTo("sepal_length");
	}

	@Test
	void aCategoricalFeatureTakesOnlyBytes() {
		String body = request(null, tensor("species", "INT32", ONE, 1), tensor("sex", "BOOL", ONE, true),
				tensor("flipper_length_mm", "FP64", ONE, 200.0));

		JsonNode error = refused(OipModels.mass(), body);

		assertThat(error.path("violations").findValuesAsString("problem")).containsExactly("wrong-datatype",
				"wrong-datatype");
		assertThat(error.path("error").asString()).contains("'species': wrong-datatype (expected BYTES, got INT32)");
	}

	@Test
	void elementsOutsideTheirDatatypeAreRefusedNotCoerced() {
		String body = request(null, tensor("sepal_length", "INT8", List.of(2L), 300, 5),
				tensor("sepal_width", "UINT8", List.of(2L), -1, 3),
				tensor("petal_length", "INT32", List.of(2L), 5.5, 1),
				tensor("petal_width", "INT64", List.of(2L), 9_007_199_254_740_993L, "2"));

		JsonNode error = refused(OipModels.iris(), body);

		assertThat(error.path("violations").findValuesAsString("problem")).containsExactly("out-of-range",
				"out-of-range", "wrong-type", "out-of-range", "wrong-type");
		assertThat(error.path("error").asString()).contains(
				"'sepal_length' at instance 0: out-of-range (expected a whole number from -128 to 127 (INT8), got number 300)",
				"that a double holds exactly", "'petal_width' at instance 1: wrong-type");
	}

	@Test
	void bytesElementsMustBeStrings() {
		String body = request(null, tensor("species", "BYTES", ONE, 7), tensor("sex", "BYTES", ONE, "MALE"),
				tensor("flipper_length_mm", "FP64", ONE, 200.0));

		JsonNode error = refused(OipModels.mass(), body);

		assertThat(error.path("violations").get(0).path("problem").asString()).isEqualTo("wrong-type");
		assertThat(error.path("violations").get(0).path("actual").asString()).isEqualTo("number 7");
	}

	// Values the schema refuses

	@Test
	void nanInfinityAndOverflowAreRefusedAsNotFinite() {
		String body = """
				{"inputs": [
				  {"name": "sepal_length", "shape": [3], "datatype": "FP64", "data": [NaN, 5.1, 5.1]},
				  {"name": "sepal_width", "shape": [3], "datatype": "FP64", "data": [3.5, Infinity, 3.5]},
				  {"name": "petal_length", "shape": [3], "datatype": "FP32", "data": [1.4, 1.4, 1e39]},
				  {"name": "petal_width", "shape": [3], "datatype": "FP64", "data": [0.2, 0.2, -1e999]}]}
				""";

		JsonNode error = refused(OipModels.iris(), body);

		assertThat(error.path("violations").findValuesAsString("problem")).containsOnly("not-finite").hasSize(4);
		assertThat(error.path("error").asString()).contains("'sepal_length' at instance 0: not-finite",
				"'petal_length' at instance 2: not-finite");
	}

	@Test
	void nullIsRefusedWhereTheFeatureMayNotBeMissing() {
		String body = request(null, tensor("sepal_length", "FP64", ONE, (Object) null),
				tensor("sepal_width", "FP64", ONE, 3.5), tensor("petal_length", "FP64", ONE, 1.4),
				tensor("petal_width", "FP64", ONE, 0.2));

		JsonNode error = refused(OipModels.iris(), body);

		assertThat(error.path("violations").get(0).path("problem").asString()).isEqualTo("null");
	}

	@Test
	void anUnknownCategoryIsRefusedWhereTheSchemaRefusesIt() {
		String body = request(null, tensor("species", "BYTES", ONE, "Emperor"), tensor("sex", "BYTES", ONE, "MALE"),
				tensor("flipper_length_mm", "FP64", ONE, 200.0));

		JsonNode error = refused(OipModels.mass(), body);

		assertThat(error.path("violations").get(0).path("problem").asString()).isEqualTo("unknown-category");
		assertThat(error.path("error").asString()).contains("'species' at instance 0: unknown-category");
	}

	// Shapes

	@Test
	void shapesThatDisagreeWithTheirDataAreRefused() {
		String body = request(null, tensor("sepal_length", "FP64", List.of(2L), 5.1),
				tensor("sepal_width", "FP64", List.of(1L, 2L), 3.5, 3.0),
				tensor("petal_length", "FP64", List.of(-1L), 1.4),
				tensor("petal_width", "FP64", List.of(2L), List.of(0.2), List.of(2.3)));

		JsonNode error = refused(OipModels.iris(), body);

		assertThat(error.path("violations").findValuesAsString("problem")).containsOnly("shape-mismatch").hasSize(4);
		assertThat(error.path("error").asString()).contains(
				"'sepal_length': shape-mismatch (expected [n] or [n, 1], with data of as many elements, flat or nested, "
						+ "got shape [2] with 1 element(s) in data)",
				"got shape [2] with data nested as [2, 1]");
	}

	@Test
	void problemsOfFormAndOfValuesComeInOneAnswer() {
		String iris = request(null, tensor("sepal_length", "FP64", List.of(2L), 5.1),
				tensor("sepal_width", "FP64", ONE, (Object) null), tensor("petal_length", "FP64", ONE, 1.4),
				tensor("petal_width", "FP64", ONE, 0.2));
		String mass = request(null, tensor("species", "BYTES", ONE, "Emperor"), tensor("sex", "FP64", ONE, 1.0),
				tensor("flipper_length_mm", "FP64", ONE, 200.0));

		JsonNode irisError = refused(OipModels.iris(), iris);
		JsonNode massError = refused(OipModels.mass(), mass);

		assertThat(irisError.path("violations").findValuesAsString("problem")).containsExactly("shape-mismatch",
				"null");
		assertThat(irisError.path("error").asString()).contains("'sepal_length': shape-mismatch",
				"'sepal_width' at instance 0: null");
		assertThat(massError.path("violations").findValuesAsString("problem")).containsExactly("wrong-datatype",
				"unknown-category");
	}

	@Test
	void tensorsOfDifferentBatchSizesAreRefused() {
		String body = request(null, tensor("sepal_length", "FP64", List.of(2L), 5.1, 6.7),
				tensor("sepal_width", "FP64", ONE, 3.5), tensor("petal_length", "FP64", List.of(2L), 1.4, 5.2),
				tensor("petal_width", "FP64", List.of(2L), 0.2, 2.3));

		JsonNode error = refused(OipModels.iris(), body);

		assertThat(error.path("error").asString()).contains(
				"'sepal_width': shape-mismatch (expected [2], the batch size of input 'sepal_length', got shape [1])");
	}

	@Test
	void aTwoDimensionalTensorMustHaveOneColumnPerFeature() {
		JsonNode error = refused(OipModels.iris(),
				request(null, tensor("input__0", "FP64", List.of(1L, 3L), 5.1, 3.5, 1.4)));

		assertThat(error.path("error").asString())
			.contains("'input__0': shape-mismatch (expected [n, 4], with data of as many elements");
	}

	@Test
	void emptyBatchesDuplicatesAndIncompleteInputsAreRefused() {
		List<Long> none = List.of(0L);
		JsonNode empty = refused(OipModels.iris(),
				request(null, tensor("sepal_length", "FP64", none), tensor("sepal_width", "FP64", none),
						tensor("petal_length", "FP64", none), tensor("petal_width", "FP64", none)));
		assertThat(empty.path("violations").get(0).path("problem").asString()).isEqualTo("empty-batch");

		JsonNode twice = refused(OipModels.iris(),
				request(null, tensor("sepal_length", "FP64", ONE, 5.1), tensor("sepal_width", "FP64", ONE, 3.5),
						tensor("petal_length", "FP64", ONE, 1.4), tensor("petal_width", "FP64", ONE, 0.2),
						tensor("petal_width", "FP64", ONE, 0.3)));
		assertThat(twice.path("violations").get(0).path("problem").asString()).isEqualTo("duplicate");

		JsonNode incomplete = refused(OipModels.iris(), "{\"inputs\": [{\"name\": \"sepal_length\", \"data\": [1]}]}");
		assertThat(incomplete.path("error").asString()).contains("'sepal_length': incomplete", "no shape, datatype");

		JsonNode nothing = refused(OipModels.iris(), "{\"inputs\": []}");
		assertThat(nothing.path("violations").findValuesAsString("problem")).containsOnly("missing").hasSize(4);
	}

}
