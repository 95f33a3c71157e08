package dev.reproserve.bundle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import dev.reproserve.training.TrainedModel;
import dev.reproserve.training.TrainerCases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serving path for XGBoost ({@link XGBoostPredictor}, through
 * {@link LoadedBundle#outputs}) answers exactly what Tribuo's
 * {@code XGBoostModel.predict} answers, to the bit, on every row of the data and on
 * random rows across and beyond its ranges, for batches and single examples.
 */
class XGBoostPredictorTests {

	private static final int RANDOM_ROWS = 2_000;

	static Stream<TrainerCases.Case> xgboostCases() {
		return TrainerCases.all().stream().filter((c) -> c.trainer().equals("xgboost"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("xgboostCases")
	@SuppressWarnings({ "unchecked", "rawtypes" })
	void outputsAreBitIdenticalToTribuo(TrainerCases.Case trainerCase) {
		TrainedModel trained = trainerCase.train(TrainerCases.SEED);
		LoadedBundle loaded = BundleCodec.open(trained.bundle(), null);
		assertThat(loaded.model()).isInstanceOf(XGBoostModel.class);
		List<Map<String, Object>> rows = rows(loaded.manifest().inputSchema(), trainerCase);

		List<ModelOutput> served = loaded.predict(rows);

		Model model = loaded.model();
		List<Example> examples = new ArrayList<>();
		boolean classification = loaded.manifest().output().kind() == OutputSpec.Kind.CLASSIFICATION;
		for (Map<String, Object> row : rows) {
			FeatureSchema.EncodedInstance encoded = loaded.manifest().inputSchema().encode(row);
			examples
				.add(new ArrayExample(classification ? LabelFactory.UNKNOWN_LABEL : RegressionFactory.UNKNOWN_REGRESSOR,
						encoded.names(), encoded.values()));
		}
		List<Prediction> batch = model.predict(examples);
		assertThat(served).hasSize(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			Prediction single = model.predict(examples.get(i));
			ModelOutput expected = tribuoOutput(batch.get(i), loaded.manifest());
			assertThat(served.get(i)).as("row %d: %s", i, rows.get(i)).isEqualTo(expected);
			assertThat(tribuoOutput(single, loaded.manifest())).as("row %d, single", i).isEqualTo(expected);
		}
		if (classification) {
			assertThat(served.stream().map(ModelOutput::label).distinct()).hasSize(3);
		}
		else {
			assertThat(served.stream().map(ModelOutput::value).distinct().count()).isGreaterThan(50);
		}
	}

	/** Tribuo's prediction in the manifest's form, as {@link LoadedBundle} reports it. */
	@SuppressWarnings("unchecked")
	private static ModelOutput tribuoOutput(Prediction<?> prediction, BundleManifest manifest) {
		if (manifest.output().kind() == OutputSpec.Kind.REGRESSION) {
			return ModelOutput.regression(((Regressor) prediction.getOutput()).getValues()[0]);
		}
		Map<String, Label> byLabel = ((Prediction<Label>) prediction).getOutputScores();
		Map<String, Double> scores = new LinkedHashMap<>();
		for (String label : manifest.output().labels()) {
			scores.put(label, byLabel.get(label).getScore());
		}
		return ModelOutput.classification(((Label) prediction.getOutput()).getLabel(), scores);
	}

	/**
	 * Every row of the training file, then random rows: numbers drawn from 20% below the
	 * column's minimum to 20% above its maximum (so every split of every tree is crossed
	 * both ways), categories from the schema.
	 */
	private static List<Map<String, Object>> rows(FeatureSchema schema, TrainerCases.Case trainerCase) {
		String[] lines = new String(trainerCase.data().table().canonicalBytes(), StandardCharsets.UTF_8).split("\r?\n");
		List<String> header = List.of(lines[0].replace("\uFEFF", "").split(","));
		List<Map<String, Object>> rows = new ArrayList<>();
		Map<String, double[]> ranges = new HashMap<>();
		for (int l = 1; l < lines.length; l++) {
			String[] cells = lines[l].split(",", -1);
			Map<String, Object> row = new LinkedHashMap<>();
			for (FeatureSpec feature : schema.features()) {
				String cell = cells[header.indexOf(feature.name())].trim();
				if (cell.isEmpty()) {
					// An empty cell is a missing value: the fitted imputation fills it.
					continue;
				}
				if (feature.type() == FeatureType.NUMERIC) {
					double value = Double.parseDouble(cell);
					row.put(feature.name(), value);
					double[] range = ranges.computeIfAbsent(feature.name(),
							(n) -> new double[] { Double.MAX_VALUE, -Double.MAX_VALUE });
					range[0] = Math.min(range[0], value);
					range[1] = Math.max(range[1], value);
				}
				else {
					row.put(feature.name(), cell);
				}
			}
			rows.add(row);
		}
		Random random = new Random(20_240_601);
		for (int r = 0; r < RANDOM_ROWS; r++) {
			Map<String, Object> row = new LinkedHashMap<>();
			for (FeatureSpec feature : schema.features()) {
				if (feature.type() == FeatureType.NUMERIC) {
					double[] range = ranges.get(feature.name());
					double span = range[1] - range[0];
					row.put(feature.name(), range[0] - 0.2 * span + random.nextDouble() * 1.4 * span);
				}
				else {
					row.put(feature.name(), feature.categories().get(random.nextInt(feature.categories().size())));
				}
			}
			rows.add(row);
		}
		return rows;
	}

}
