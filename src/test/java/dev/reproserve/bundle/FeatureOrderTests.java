package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

import dev.reproserve.support.TestModels;
import dev.reproserve.training.TrainedModel;
import dev.reproserve.training.internal.ModelTrainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encoding a row's features in name order gives Tribuo the same example as in training
 * order, and so the same outputs: the order only spares ArrayExample's sort.
 */
class FeatureOrderTests {

	@Test
	void nameOrderIsSortedByFeatureName() {
		FeatureSchema schema = TestModels.trainIris(1).manifest().inputSchema();
		int[] order = schema.nameOrder();
		List<String> names = new ArrayList<>();
		for (int i : order) {
			names.add(schema.features().get(i).name());
		}
		assertThat(names).isSorted().containsExactlyInAnyOrderElementsOf(schema.names());
	}

	@Test
	void examplesAndOutputsAreTheSameInEitherOrder() {
		TrainedModel trained = ModelTrainer.train("order", TestModels.penguinsCartSpec(5), TestModels.penguinsData());
		LoadedBundle bundle = BundleCodec.open(trained.bundle(), null);
		FeatureSchema schema = bundle.manifest().inputSchema();
		int[] order = schema.nameOrder();
		List<Object[]> rows = new ArrayList<>();
		for (Map<String, Object> input : trained.testInputs()) {
			Object[] row = schema.row(input);
			rows.add(row);
			assertThat(features(schema.encode(row, order))).isEqualTo(features(schema.encode(row)));
		}
		assertThat(bundle.predictRows(rows, order)).isEqualTo(bundle.predict(trained.testInputs()));
	}

	private static List<String> features(FeatureSchema.EncodedInstance encoded) {
		ArrayExample<Label> example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, encoded.names(), encoded.values());
		List<String> features = new ArrayList<>();
		for (Feature feature : example) {
			features.add(feature.getName() + "=" + Double.doubleToRawLongBits(feature.getValue()));
		}
		return features;
	}

}
