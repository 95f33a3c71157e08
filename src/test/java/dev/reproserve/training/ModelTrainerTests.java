package dev.reproserve.training;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.bundle.OutputSpec.Kind;
import dev.reproserve.support.TestModels;
import dev.reproserve.training.internal.ModelTrainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelTrainerTests {

	static Stream<Arguments> everyTrainer() {
		List<PipelineSpec.Feature> penguinFeatures = List.of(
				new PipelineSpec.Feature("island", FeatureType.CATEGORICAL),
				new PipelineSpec.Feature("sex", FeatureType.CATEGORICAL),
				new PipelineSpec.Feature("bill_length_mm", FeatureType.NUMERIC),
				new PipelineSpec.Feature("flipper_length_mm", FeatureType.NUMERIC));
		return Stream.of(Arguments.of("logistic-regression", TestModels.irisSpec(11), TestModels.irisData()),
				Arguments.of("cart classification", TestModels.penguinsCartSpec(11), TestModels.penguinsData()),
				Arguments.of("cart regression",
						new PipelineSpec(1, Kind.REGRESSION, "body_mass_g", penguinFeatures,
								new PipelineSpec.Trainer("cart", Map.of("fractionFeaturesInSplit", 0.5)), 11L, null),
						TestModels.penguinsData()),
				Arguments.of("linear-sgd regression",
						new PipelineSpec(1, Kind.REGRESSION, "body_mass_g", penguinFeatures,
								new PipelineSpec.Trainer("linear-sgd", Map.of("epochs", 5)), 11L, null),
						TestModels.penguinsData()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("everyTrainer")
	void sameDataSpecAndSeedGiveTheSameModel(String trainer, PipelineSpec spec, TrainingData data) {
		TrainedModel first = ModelTrainer.train("m", spec, data);
		TrainedModel second = ModelTrainer.train("m", spec, data);

		assertThat(second.manifest().modelFingerprint()).isEqualTo(first.manifest().modelFingerprint());
		assertThat(second.manifest().goldenExamples()).isEqualTo(first.manifest().goldenExamples());
		assertThat(second.manifest().metrics()).isEqualTo(first.manifest().metrics());
		List<Map<String, Object>> probes = first.manifest()
			.goldenExamples()
			.stream()
			.map((golden) -> golden.input())
			.toList();
		List<ModelOutput> a = BundleCodec.open(first.bundle(), null).predict(probes);
		List<ModelOutput> b = BundleCodec.open(second.bundle(), null).predict(probes);
		assertThat(b).isEqualTo(a);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("everyTrainer")
	void anotherSeedGivesAnotherFingerprint(String trainer, PipelineSpec spec, TrainingData data) {
		PipelineSpec reseeded = new PipelineSpec(spec.formatVersion(), spec.task(), spec.target(), spec.features(),
				spec.trainer(), spec.seed() + 1, new PipelineSpec.Split(0.3, spec.seed() + 1));

		assertThat(ModelTrainer.train("m", reseeded, data).manifest().modelFingerprint())
			.isNotEqualTo(ModelTrainer.train("m", spec, data).manifest().modelFingerprint());
	}

	/**
	 * Measured once on Java 17 (OpenJDK, amd64) and pinned: the same value on any JVM
	 * that runs this test (CI runs it on 17, and it passes on Temurin 25) shows that the
	 * fingerprint holds across processes and Java versions, not just within one run.
	 */
	@Test
	void builtInExampleHasTheSameFingerprintOnEveryJvm() {
		TrainedModel iris = ModelTrainer.train("iris", TestModels.irisSpec(), TestModels.irisData());

		assertThat(iris.manifest().modelFingerprint())
			.isEqualTo("00c5d24edeaea4935713e692145ade84a19952d1c24730259c860b603856eb5b");
	}

	@Test
	void categoricalFeaturesAreOneHotWithCategoriesFromTheData() {
		TrainedModel penguins = ModelTrainer.train("penguins", TestModels.penguinsCartSpec(3),
				TestModels.penguinsData());

		assertThat(penguins.manifest().inputSchema().features().get(0).categories()).containsExactly("Biscoe", "Dream",
				"Torgersen");
		LoadedBundle loaded = BundleCodec.open(penguins.bundle(), null);
		assertThat(
				loaded.predict(List.of(Map.of("island", "Biscoe", "bill_length_mm", 47.0, "flipper_length_mm", 225.0))))
			.singleElement()
			.satisfies((output) -> assertThat(output.label()).isEqualTo("Gentoo"));
	}

	@Test
	void recordsTheSplitSeedsAndHyperparameterDefaults() {
		TrainedModel penguins = ModelTrainer.train("penguins", TestModels.penguinsCartSpec(3),
				TestModels.penguinsData());

		assertThat(penguins.manifest().training().seeds()).containsEntry("trainer", 3L).containsEntry("split", 3L);
		assertThat(penguins.manifest().training().hyperparameters()).containsEntry("maxDepth", 6)
			.containsEntry("minChildWeight", 5.0)
			.containsEntry("useRandomSplitPoints", false);
		assertThat(
				penguins.manifest().training().split().trainRows() + penguins.manifest().training().split().testRows())
			.isEqualTo(333);
		assertThat(penguins.manifest().goldenExamples()).hasSize(ModelTrainer.GOLDEN_EXAMPLES);
	}

	@Test
	void lineEndingsAndByteOrderMarkDoNotChangeTheDataFingerprint() {
		String unix = new String(TestModels.resource("examples/iris.csv"), StandardCharsets.UTF_8).replace("\r\n",
				"\n");
		byte[] windows = ("\uFEFF" + unix.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);

		TrainedModel a = ModelTrainer.train("iris", TestModels.irisSpec(1),
				new TrainingData(unix.getBytes(StandardCharsets.UTF_8), "iris.csv"));
		TrainedModel b = ModelTrainer.train("iris", TestModels.irisSpec(1), new TrainingData(windows, "iris.csv"));

		assertThat(b.manifest().trainingData().sha256()).isEqualTo(a.manifest().trainingData().sha256());
		assertThat(b.manifest().modelFingerprint()).isEqualTo(a.manifest().modelFingerprint());
	}

	@Test
	void rowOrderIsPartOfTheDataIdentity() {
		String[] lines = new String(TestModels.resource("examples/iris.csv"), StandardCharsets.UTF_8).split("\r?\n");
		String swapped = String.join("\n", lines[0], lines[2], lines[1]) + "\n"
				+ String.join("\n", List.of(lines).subList(3, lines.length)) + "\n";

		TrainedModel a = ModelTrainer.train("iris", TestModels.irisSpec(1), TestModels.irisData());
		TrainedModel b = ModelTrainer.train("iris", TestModels.irisSpec(1),
				new TrainingData(swapped.getBytes(StandardCharsets.UTF_8), "iris.csv"));

		assertThat(b.manifest().trainingData().sha256()).isNotEqualTo(a.manifest().trainingData().sha256());
	}

	@Test
	void listsEveryProblemOfAnInvalidSpecBeforeTraining() {
		Map<String, Object> hyperparameters = new HashMap<>();
		hyperparameters.put("epochs", 0);
		hyperparameters.put("momentum", 0.9);
		hyperparameters.put("learningRate", "fast");
		PipelineSpec spec = new PipelineSpec(1, Kind.REGRESSION, "species",
				List.of(new PipelineSpec.Feature("species", FeatureType.NUMERIC),
						new PipelineSpec.Feature("petal_colour", FeatureType.CATEGORICAL),
						new PipelineSpec.Feature("sepal_width", null)),
				new PipelineSpec.Trainer("logistic-regression", hyperparameters), null, null);

		assertThatThrownBy(() -> ModelTrainer.train("iris", spec, TestModels.irisData())).isInstanceOfSatisfying(
				InvalidTrainingRequestException.class,
				(ex) -> assertThat(problems(ex)).anySatisfy((p) -> assertThat(p).contains("seed is required"))
					.anySatisfy((p) -> assertThat(p).contains("target 'species' cannot also be a feature"))
					.anySatisfy((p) -> assertThat(p).contains("'petal_colour' is not in the data"))
					.anySatisfy((p) -> assertThat(p).contains("'sepal_width' needs a type"))
					.anySatisfy((p) -> assertThat(p).contains("does not do regression"))
					.anySatisfy((p) -> assertThat(p).contains("no hyperparameter 'momentum'"))
					.anySatisfy((p) -> assertThat(p).contains("'learningRate' must be number"))
					.anySatisfy((p) -> assertThat(p).contains("'epochs' must be at least 1")));
	}

	@Test
	void refusesUnknownTrainer() {
		PipelineSpec spec = new PipelineSpec(1, Kind.CLASSIFICATION, "species", TestModels.irisSpec().features(),
				new PipelineSpec.Trainer("deep-magic", null), 1L, null);

		assertThatThrownBy(() -> ModelTrainer.train("iris", spec, TestModels.irisData())).isInstanceOfSatisfying(
				InvalidTrainingRequestException.class,
				(ex) -> assertThat(problems(ex)).singleElement().asString().contains("unknown trainer 'deep-magic'"));
	}

	@Test
	void refusesMissingValuesSinceThisSpecVersionCannotImpute() {
		PipelineSpec spec = TestModels.penguinsCartSpec(1);
		TrainingData raw = new TrainingData(TestModels.resource("datasets/penguins.csv"), "penguins.csv");

		assertThatThrownBy(() -> ModelTrainer.train("penguins", spec, raw))
			.isInstanceOfSatisfying(InvalidTrainingRequestException.class, (ex) -> assertThat(problems(ex))
				.anySatisfy((p) -> assertThat(p).contains("'bill_length_mm' has empty cells on lines [5")));
	}

	@Test
	void refusesNonNumericCellsInNumericColumns() {
		byte[] csv = "a,b,y\n1,x,1\n2,2,2\n3,3,3\n4,4,4\n5,5,5\n6,6,6\n7,7,7\n8,8,8\n9,9,9\n10,10,10\n11,11,11\n12,12,12\n"
			.getBytes(StandardCharsets.UTF_8);
		PipelineSpec spec = new PipelineSpec(1, Kind.REGRESSION, "y",
				List.of(new PipelineSpec.Feature("a", FeatureType.NUMERIC),
						new PipelineSpec.Feature("b", FeatureType.NUMERIC)),
				new PipelineSpec.Trainer("cart", null), 1L, new PipelineSpec.Split(0.0, null));

		assertThatThrownBy(() -> ModelTrainer.train("m", spec, new TrainingData(csv, "t.csv"))).isInstanceOfSatisfying(
				InvalidTrainingRequestException.class,
				(ex) -> assertThat(problems(ex)).singleElement()
					.asString()
					.contains("'b' must hold finite numbers but lines [2]"));
	}

	private static List<String> problems(InvalidTrainingRequestException ex) {
		return ex.problems();
	}

}
