package dev.reproserve.drift;

import java.util.List;
import java.util.Map;

import dev.reproserve.bundle.BinCounts;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.bundle.TrainingProfile;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestModels;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainedModel;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.internal.ModelTrainer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The training profile every bundle records: computed on the training split alone,
 * deterministic, and consistent with the split it describes.
 */
class TrainingProfileTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SPEC = TestData.penguinsSpec("cart", "{\"maxDepth\": 4}");

	private static TrainedModel train(String spec) {
		return ModelTrainer.train("penguins", JSON.readValue(spec, PipelineSpec.class), penguins());
	}

	private static TrainingData penguins() {
		return new TrainingData(TestData.penguins(), "penguins.csv");
	}

	@Test
	void twoTrainingsOfTheSameSnapshotSpecAndSeedRecordTheSameProfileToTheByte() {
		TrainingProfile first = train(SPEC).manifest().profile();
		TrainingProfile second = train(SPEC).manifest().profile();

		assertThat(second).isEqualTo(first);
		assertThat(ManifestJson.treeToString(ManifestJson.valueTree(second)))
			.isEqualTo(ManifestJson.treeToString(ManifestJson.valueTree(first)));
		// Another split is another training population.
		TrainingProfile otherSplit = train(SPEC.replace("\"seed\": 5}", "\"seed\": 6}")).manifest().profile();
		assertThat(otherSplit).isNotEqualTo(first);
	}

	@Test
	void theProfileDescribesTheTrainingSplitExactly() {
		TrainedModel trained = train(SPEC);
		TrainingProfile profile = trained.manifest().profile();
		List<Map<String, Object>> split = ModelTrainer.trainingSplit(JSON.readValue(SPEC, PipelineSpec.class),
				penguins());

		assertThat(profile.rows()).isEqualTo(split.size()).isEqualTo(trained.manifest().training().split().trainRows());
		for (TrainingProfile.FeatureProfile feature : profile.features()) {
			BinCounts counts = feature.counts();
			long missing = split.stream().filter((row) -> row.get(feature.name()) == null).count();
			assertThat(counts.missing()).as(feature.name()).isEqualTo(missing);
			assertThat(counts.present() + counts.missing()).isEqualTo(profile.rows());
			// Bins come from the training split: nothing of it falls outside them.
			assertThat(counts.below() + counts.above() + counts.unseen()).isZero();
			if (feature.type() == FeatureType.NUMERIC) {
				assertThat(feature.edges()).isSorted().doesNotHaveDuplicates().hasSizeBetween(2, 11);
				double[] values = split.stream()
					.map((row) -> row.get(feature.name()))
					.filter((value) -> value != null)
					.mapToDouble((value) -> ((Number) value).doubleValue())
					.toArray();
				double mean = java.util.Arrays.stream(values).average().orElseThrow();
				assertThat(feature.mean()).isCloseTo(mean, within(1e-9));
				assertThat(feature.edges().get(0)).isEqualTo(java.util.Arrays.stream(values).min().orElseThrow());
				assertThat(feature.edges().get(feature.edges().size() - 1))
					.isEqualTo(java.util.Arrays.stream(values).max().orElseThrow());
				// Deciles: no bin holds much more than a tenth of the values.
				counts.bins().forEach((count) -> assertThat(count).isLessThan(values.length / 5));
			}
			else {
				assertThat(feature.categories()).isEqualTo(trained.manifest()
					.inputSchema()
					.features()
					.stream()
					.filter((spec) -> spec.name().equals(feature.name()))
					.findFirst()
					.orElseThrow()
					.categories());
				assertThat(feature.mean()).isNull();
			}
		}
		TrainingProfile.OutputProfile output = profile.output();
		assertThat(output.labels()).containsExactlyInAnyOrder("Adelie", "Chinstrap", "Gentoo");
		assertThat(output.counts().present()).isEqualTo(profile.rows());
		assertThat(output.target()).isEqualTo("species");
	}

	@Test
	void aRegressorsProfileBinsItsPredictedValues() {
		String spec = """
				{"formatVersion": 1, "task": "regression", "target": "petal_width",
				 "features": [{"name": "sepal_length", "type": "numeric"}, {"name": "sepal_width", "type": "numeric"},
				              {"name": "petal_length", "type": "numeric"}],
				 "trainer": {"type": "cart", "hyperparameters": {"maxDepth": 4}},
				 "seed": 42, "split": {"testFraction": 0.3, "seed": 7}}""";
		TrainedModel trained = ModelTrainer.train("iris-width", JSON.readValue(spec, PipelineSpec.class),
				TestModels.irisData());
		TrainingProfile.OutputProfile output = trained.manifest().profile().output();

		assertThat(output.labels()).isEmpty();
		assertThat(output.edges()).isSorted().hasSizeGreaterThan(2);
		assertThat(output.counts().present()).isEqualTo(trained.manifest().profile().rows());
		assertThat(output.counts().below() + output.counts().above()).isZero();
	}

}
