package dev.reproserve.training;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.FeatureSpec;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.bundle.OutputSpec.Kind;
import dev.reproserve.serving.SchemaViolation;
import dev.reproserve.serving.internal.SchemaValidator;
import dev.reproserve.support.TestModels;
import dev.reproserve.training.internal.ModelTrainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The pipeline spec's transformations on the penguins data, which has empty cells in
 * every measurement and in {@code sex}: each is fitted on the training split only,
 * recorded with its statistics, and applied the same way at training and at serving.
 */
class TransformationTests {

	private static final TrainingData PENGUINS = new TrainingData(TestModels.resource("datasets/penguins.csv"),
			"penguins.csv");

	private static PipelineSpec spec(double testFraction, PipelineSpec.Feature... features) {
		return new PipelineSpec(1, Kind.CLASSIFICATION, "species", List.of(features),
				new PipelineSpec.Trainer("logistic-regression", Map.of("epochs", 5)), 3L,
				new PipelineSpec.Split(testFraction, 5L));
	}

	private static PipelineSpec.Feature numeric(String name, String missing, Object fill, String scaling) {
		return new PipelineSpec.Feature(name, FeatureType.NUMERIC, missing, fill, scaling, null);
	}

	private static PipelineSpec.Feature categorical(String name, String missing, Object fill, String unseen) {
		return new PipelineSpec.Feature(name, FeatureType.CATEGORICAL, missing, fill, null, unseen);
	}

	/** The column's present values, in file order, from the whole file. */
	private static List<Double> column(String name) {
		String[] lines = new String(PENGUINS.table().canonicalBytes(), StandardCharsets.UTF_8).split("\r?\n");
		int index = List.of(lines[0].split(",", -1)).indexOf(name);
		List<Double> values = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			String cell = lines[i].split(",", -1)[index];
			if (!cell.isEmpty()) {
				values.add(Double.parseDouble(cell));
			}
		}
		return values;
	}

	private static FeatureSpec feature(TrainedModel trained, String name) {
		return trained.manifest()
			.inputSchema()
			.features()
			.stream()
			.filter((f) -> f.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void emptyCellsAreRefusedUnlessTheFeatureImputesThem() {
		assertThatThrownBy(
				() -> ModelTrainer.train("p", spec(0.3, numeric("bill_length_mm", null, null, null)), PENGUINS))
			.isInstanceOf(InvalidTrainingRequestException.class)
			.hasMessageContaining("column 'bill_length_mm' has empty cells on lines [5, 341]")
			.hasMessageContaining("set the feature's missing to mean, median, most-frequent or constant");
	}

	@Test
	void meanAndMedianAreFittedOnPresentValuesOfTheTrainingRows() {
		// With no test split every row trains: the statistics can be computed here.
		TrainedModel trained = ModelTrainer.train("p", spec(0.0, numeric("bill_length_mm", "mean", null, null),
				numeric("bill_depth_mm", "median", null, null), numeric("flipper_length_mm", "constant", 200, null)),
				PENGUINS);

		List<Double> bill = column("bill_length_mm");
		double sum = 0;
		for (double value : bill) {
			sum += value;
		}
		assertThat(feature(trained, "bill_length_mm").imputation())
			.isEqualTo(new FeatureSpec.Imputation("mean", sum / bill.size()));
		List<Double> depth = new ArrayList<>(column("bill_depth_mm"));
		depth.sort(null);
		double median = (depth.size() % 2 == 1) ? depth.get(depth.size() / 2)
				: (depth.get(depth.size() / 2 - 1) + depth.get(depth.size() / 2)) / 2;
		assertThat(feature(trained, "bill_depth_mm").imputation())
			.isEqualTo(new FeatureSpec.Imputation("median", median));
		assertThat(feature(trained, "flipper_length_mm").imputation())
			.isEqualTo(new FeatureSpec.Imputation("constant", 200.0));
		assertThat(feature(trained, "bill_length_mm").missingAllowed()).isTrue();
	}

	@Test
	void statisticsIgnoreTheTestSplit() {
		PipelineSpec.Feature bill = numeric("bill_length_mm", "mean", null, "standardize");
		FeatureSpec all = feature(ModelTrainer.train("p", spec(0.0, bill), PENGUINS), "bill_length_mm");
		TrainedModel split = ModelTrainer.train("p", spec(0.3, bill), PENGUINS);
		FeatureSpec fitted = feature(split, "bill_length_mm");

		assertThat(split.manifest().training().split().testRows()).isEqualTo(103);
		assertThat((Double) fitted.imputation().value()).isNotEqualTo(all.imputation().value())
			.isCloseTo((Double) all.imputation().value(), within(1.0));
		assertThat(fitted.scaling().offset()).isNotEqualTo(all.scaling().offset());
	}

	@Test
	void standardizeAndMinMaxRecordTheirFittedStatistics() {
		TrainedModel trained = ModelTrainer.train("p", spec(0.0, numeric("bill_length_mm", "mean", null, "standardize"),
				numeric("flipper_length_mm", "median", null, "min-max")), PENGUINS);

		FeatureSpec.Scaling standard = feature(trained, "bill_length_mm").scaling();
		double mean = (Double) feature(trained, "bill_length_mm").imputation().value();
		// Imputed cells take the mean, so the mean after imputation is the same mean.
		assertThat(standard.method()).isEqualTo("standardize");
		assertThat(standard.offset()).isCloseTo(mean, within(1e-9));
		assertThat(standard.scale()).isCloseTo(5.45, within(0.05));
		FeatureSpec.Scaling minMax = feature(trained, "flipper_length_mm").scaling();
		assertThat(minMax).isEqualTo(new FeatureSpec.Scaling("min-max", 172.0, 231.0 - 172.0));
		assertThat(minMax.apply(231.0)).isEqualTo(1.0);
	}

	@Test
	void categoriesComeFromTheTrainingSplitAndMostFrequentFillsMissingOnes() {
		TrainedModel trained = ModelTrainer.train("p", spec(0.0, categorical("sex", "most-frequent", null, null),
				numeric("bill_length_mm", "mean", null, null)), PENGUINS);

		FeatureSpec sex = feature(trained, "sex");
		assertThat(sex.categories()).containsExactly("FEMALE", "MALE");
		assertThat(sex.imputation()).isEqualTo(new FeatureSpec.Imputation("most-frequent", "MALE"));
		assertThat(sex.unseenCategory()).isEqualTo("reject");
	}

	@Test
	void aMissingValueAtPredictTimeIsTheRecordedFillValue() {
		TrainedModel trained = ModelTrainer.train("p",
				spec(0.3, categorical("island", null, null, null), categorical("sex", "constant", "UNKNOWN", null),
						numeric("bill_length_mm", "median", null, "standardize"),
						numeric("flipper_length_mm", "mean", null, "min-max")),
				PENGUINS);
		LoadedBundle bundle = BundleCodec.open(trained.bundle(), null);
		Object fill = feature(trained, "bill_length_mm").imputation().value();

		Map<String, Object> missing = new HashMap<>(Map.of("island", "Dream", "flipper_length_mm", 190.0));
		missing.put("bill_length_mm", null);
		Map<String, Object> filled = Map.of("island", "Dream", "flipper_length_mm", 190.0, "bill_length_mm", fill,
				"sex", "UNKNOWN");
		List<SchemaViolation> violations = new ArrayList<>();
		List<Map<String, Object>> validated = SchemaValidator.validate(trained.manifest().inputSchema(),
				List.of(missing, filled), violations);

		assertThat(violations).isEmpty();
		List<ModelOutput> outputs = bundle.predict(validated);
		assertThat(outputs.get(0)).isEqualTo(outputs.get(1));
	}

	@Test
	void anUnseenCategoryIsRefusedByDefault() {
		TrainedModel trained = ModelTrainer.train("p",
				spec(0.3, categorical("island", null, null, null), numeric("bill_length_mm", "mean", null, null)),
				PENGUINS);
		List<SchemaViolation> violations = new ArrayList<>();

		SchemaValidator.validate(trained.manifest().inputSchema(),
				List.of(Map.of("island", "Atlantis", "bill_length_mm", 40.0)), violations);

		assertThat(violations).singleElement().satisfies((v) -> assertThat(v.problem()).isEqualTo("unknown-category"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void anUnseenCategoryUnderTheZerosPolicyTurnsEveryOneHotColumnOff() {
		TrainedModel trained = ModelTrainer.train("p",
				spec(0.3, categorical("island", null, null, "zeros"), numeric("bill_length_mm", "mean", null, null)),
				PENGUINS);
		LoadedBundle bundle = BundleCodec.open(trained.bundle(), null);
		List<SchemaViolation> violations = new ArrayList<>();
		List<Map<String, Object>> validated = SchemaValidator.validate(trained.manifest().inputSchema(),
				List.of(Map.of("island", "Atlantis", "bill_length_mm", 40.0)), violations);

		assertThat(violations).isEmpty();
		Prediction<Label> direct = ((Model<Label>) bundle.model()).predict(new ArrayExample<>(
				LabelFactory.UNKNOWN_LABEL, new String[] { "bill_length_mm" }, new double[] { 40.0 }));
		assertThat(bundle.predict(validated).get(0).label()).isEqualTo(direct.getOutput().getLabel());
		assertThat(bundle.predict(validated).get(0).scores().get(direct.getOutput().getLabel()))
			.isEqualTo(direct.getOutput().getScore());
	}

	@Test
	void anInstanceWithNothingTheModelKnowsIsAViolationNotAModelError() {
		TrainedModel trained = ModelTrainer.train("p", spec(0.3, categorical("island", null, null, "zeros")), PENGUINS);
		LoadedBundle bundle = BundleCodec.open(trained.bundle(), null);
		List<SchemaViolation> violations = new ArrayList<>();

		List<Map<String, Object>> validated = SchemaValidator.validate(trained.manifest().inputSchema(),
				List.of(Map.of("island", "Dream"), Map.of("island", "Atlantis")), violations);

		// Tribuo cannot predict from no features at all: the second instance is refused
		// with a reason instead of failing inside the model.
		assertThat(violations).singleElement().satisfies((v) -> {
			assertThat(v.instance()).isEqualTo(1);
			assertThat(v.problem()).isEqualTo("no-known-features");
		});
		assertThat(bundle.predict(List.of(validated.get(0))).get(0).label()).isNotNull();
	}

	@Test
	@SuppressWarnings("unchecked")
	void aConstantFillNoTrainingRowHadTurnsTheOneHotColumnsOff() {
		// penguins-complete has no empty cell: UNKNOWN never occurs in training.
		TrainedModel trained = ModelTrainer.train("p",
				spec(0.3, categorical("sex", "constant", "UNKNOWN", null), numeric("bill_length_mm", null, null, null)),
				TestModels.penguinsData());
		LoadedBundle bundle = BundleCodec.open(trained.bundle(), null);
		assertThat(feature(trained, "sex").categories()).containsExactly("FEMALE", "MALE");
		List<SchemaViolation> violations = new ArrayList<>();
		Map<String, Object> missing = new HashMap<>();
		missing.put("sex", null);
		missing.put("bill_length_mm", 40.0);

		List<Map<String, Object>> validated = SchemaValidator.validate(trained.manifest().inputSchema(),
				List.of(missing), violations);

		assertThat(violations).isEmpty();
		Prediction<Label> direct = ((Model<Label>) bundle.model()).predict(new ArrayExample<>(
				LabelFactory.UNKNOWN_LABEL, new String[] { "bill_length_mm" }, new double[] { 40.0 }));
		ModelOutput output = bundle.predict(validated).get(0);
		assertThat(output.label()).isEqualTo(direct.getOutput().getLabel());
		assertThat(output.scores().get(output.label())).isEqualTo(direct.getOutput().getScore());
	}

	@Test
	void transformationsThatDoNotFitTheFeatureAreAllListed() {
		PipelineSpec spec = spec(0.3,
				new PipelineSpec.Feature("island", FeatureType.CATEGORICAL, "mean", null, "standardize", "maybe"),
				new PipelineSpec.Feature("bill_length_mm", FeatureType.NUMERIC, "constant", "forty", null, "zeros"),
				new PipelineSpec.Feature("flipper_length_mm", FeatureType.NUMERIC, "guess", 3, "log", null));

		assertThatThrownBy(() -> ModelTrainer.train("p", spec, PENGUINS)).isInstanceOfSatisfying(
				InvalidTrainingRequestException.class,
				(ex) -> assertThat(ex.problems()).containsExactly(
						"feature 'island' is categorical: missing 'mean' needs numbers; use most-frequent or constant",
						"feature 'island' is categorical: scaling applies to numeric features only",
						"feature 'island': unseenCategory must be one of [reject, zeros], got 'maybe'",
						"feature 'bill_length_mm': missing 'constant' needs a fillValue that is a finite number",
						"feature 'bill_length_mm' is numeric: unseenCategory applies to categorical features only",
						"feature 'flipper_length_mm': missing must be one of [constant, mean, median, most-frequent, reject], got 'guess'",
						"feature 'flipper_length_mm': fillValue is only used with missing 'constant'",
						"feature 'flipper_length_mm': scaling must be one of [min-max, none, standardize], got 'log'"));
	}

	@Test
	void sameSpecWithTransformationsGivesTheSameFingerprint() {
		PipelineSpec spec = spec(0.3, categorical("island", null, null, "zeros"),
				categorical("sex", "most-frequent", null, null),
				numeric("bill_length_mm", "median", null, "standardize"),
				numeric("body_mass_g", "mean", null, "min-max"));

		TrainedModel first = ModelTrainer.train("p", spec, PENGUINS);
		TrainedModel second = ModelTrainer.train("p", spec, PENGUINS);

		assertThat(second.manifest().modelFingerprint()).isEqualTo(first.manifest().modelFingerprint());
		assertThat(second.manifest().inputSchema()).isEqualTo(first.manifest().inputSchema());
		assertThat(second.manifest().goldenExamples()).isEqualTo(first.manifest().goldenExamples());
	}

	@Test
	void classifiersRecordPerClassMetricsAndTheConfusionMatrix() {
		TrainedModel trained = ModelTrainer.train("p",
				spec(0.3, categorical("island", null, null, null),
						numeric("bill_length_mm", "mean", null, "standardize"),
						numeric("flipper_length_mm", "mean", null, "standardize")),
				PENGUINS);

		var evaluation = trained.manifest().evaluation();
		assertThat(evaluation.perClass()).containsOnlyKeys("Adelie", "Chinstrap", "Gentoo");
		assertThat(evaluation.confusionMatrix().labels())
			.containsExactlyElementsOf(trained.manifest().output().labels());
		long total = evaluation.confusionMatrix()
			.counts()
			.stream()
			.flatMap(List::stream)
			.mapToLong(Long::longValue)
			.sum();
		assertThat(total).isEqualTo(103);
		long support = evaluation.perClass().values().stream().mapToLong((c) -> c.support()).sum();
		assertThat(support).isEqualTo(103);
		long correct = 0;
		for (int i = 0; i < 3; i++) {
			correct += evaluation.confusionMatrix().counts().get(i).get(i);
		}
		assertThat(trained.manifest().metrics().get("accuracy")).isEqualTo(correct / 103.0);
	}

}
