package dev.reproserve.reproduce;

import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.support.TestData;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.internal.ModelTrainer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A reproduction compares the training profile like the rest of the record. */
class RecordDifferencesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RecordDifferences diffs = new RecordDifferences(JSON);

	private static BundleManifest trained(int splitSeed) {
		String spec = TestData.penguinsSpec("cart", "{\"maxDepth\": 3}")
			.replace("\"seed\": 5}", "\"seed\": " + splitSeed + "}");
		return ModelTrainer
			.train("penguins", JSON.readValue(spec, PipelineSpec.class),
					new TrainingData(TestData.penguins(), "penguins.csv"))
			.manifest();
	}

	@Test
	void theSameTrainingRecordsNoProfileDifferenceAndAnotherSplitRecordsEachChangedFeature() {
		BundleManifest recorded = trained(5);
		ObjectNode same = JSON.createObjectNode();
		this.diffs.profile(recorded, trained(5), same);
		assertThat(same.has("profile")).isFalse();

		ObjectNode other = JSON.createObjectNode();
		this.diffs.profile(recorded, trained(6), other);
		assertThat(other.path("profile").has("flipper_length_mm")).isTrue();
		assertThat(other.path("profile").path("flipper_length_mm").has("recorded")).isTrue();
		assertThat(other.path("profile").path("flipper_length_mm").has("reproduced")).isTrue();

		// A record without a profile (an older bundle) has nothing to compare.
		ObjectNode older = JSON.createObjectNode();
		this.diffs.profile(recorded.withProfile(null), trained(6), older);
		assertThat(older.has("profile")).isFalse();
	}

}
