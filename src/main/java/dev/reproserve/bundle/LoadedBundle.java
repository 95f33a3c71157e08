package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * A verified bundle with its Tribuo model in memory, ready to predict. Immutable and
 * thread-safe (Tribuo models are safe for concurrent prediction).
 *
 * @param sha256 the bundle file's SHA-256
 * @param manifest the bundle's manifest
 * @param model the deserialized Tribuo model
 * @param warnings deployment differences that did not refuse the bundle (another Java
 * major version or architecture, golden examples reproduced nevertheless)
 */
public record LoadedBundle(String sha256, BundleManifest manifest, Model<?> model, List<String> warnings) {

	/**
	 * Predicts for instances that already passed schema validation. Examples are built
	 * with {@link ArrayExample}'s array constructor, which sorts once (its {@code add}
	 * re-sorts on every call).
	 */
	public List<ModelOutput> predict(List<? extends Map<String, ?>> instances) {
		return outputs(this.model, this.manifest, instances);
	}

	/**
	 * The same for validated rows in training order
	 * ({@link FeatureSchema#encode(Object[])}), as the streaming request reader builds
	 * them, encoding each row's features in the given order
	 * ({@link FeatureSchema#nameOrder()}, computed once per model by the caller): the
	 * same outputs, sooner.
	 */
	public List<ModelOutput> predictRows(List<Object[]> rows, int[] order) {
		return outputsOfRows(this.model, this.manifest, rows, order);
	}

	/**
	 * Replays every golden example and lists the ones whose output differs in any bit.
	 * @return human-readable differences, empty when all reproduce exactly
	 */
	public List<String> goldenDifferences() {
		return goldenDifferences(this.model, this.manifest);
	}

	static List<String> goldenDifferences(Model<?> model, BundleManifest manifest) {
		List<GoldenExample> golden = manifest.goldenExamples();
		List<ModelOutput> actual = outputs(model, manifest, golden.stream().map(GoldenExample::input).toList());
		List<String> differences = new ArrayList<>();
		for (int i = 0; i < golden.size(); i++) {
			if (!golden.get(i).expected().equals(actual.get(i))) {
				differences.add(
						"golden example " + i + ": expected " + golden.get(i).expected() + " but got " + actual.get(i));
			}
		}
		return differences;
	}

	/**
	 * What a model answers for validated instances, in the manifest's schema and label
	 * order. Training uses this to record golden outputs, serving to predict: one code
	 * path. XGBoost models go through {@link XGBoostPredictor}, which frees the native
	 * matrix of every call.
	 */
	public static List<ModelOutput> outputs(Model<?> model, BundleManifest manifest,
			List<? extends Map<String, ?>> instances) {
		FeatureSchema schema = manifest.inputSchema();
		List<Object[]> rows = new ArrayList<>(instances.size());
		for (Map<String, ?> instance : instances) {
			rows.add(schema.row(instance));
		}
		return outputsOfRows(model, manifest, rows, null);
	}

	@SuppressWarnings("unchecked")
	private static List<ModelOutput> outputsOfRows(Model<?> model, BundleManifest manifest, List<Object[]> instances,
			int @Nullable [] order) {
		if (model instanceof XGBoostModel<?> xgboost) {
			return XGBoostPredictor.outputs(xgboost, manifest, instances);
		}
		FeatureSchema schema = manifest.inputSchema();
		if (manifest.output().kind() == OutputSpec.Kind.CLASSIFICATION) {
			Model<Label> classifier = (Model<Label>) model;
			List<Example<Label>> examples = new ArrayList<>(instances.size());
			for (Object[] instance : instances) {
				FeatureSchema.EncodedInstance encoded = schema.encode(instance, order);
				examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, encoded.names(), encoded.values()));
			}
			List<String> labels = manifest.output().labels();
			List<ModelOutput> outputs = new ArrayList<>(examples.size());
			for (Prediction<Label> prediction : classifier.predict(examples)) {
				Map<String, Label> byLabel = prediction.getOutputScores();
				Map<String, Double> scores = new LinkedHashMap<>();
				for (String label : labels) {
					Label scored = byLabel.get(label);
					scores.put(label, (scored != null) ? scored.getScore() : 0.0);
				}
				// No label where every score is NaN (an input that overflows the model):
				// the caller refuses that output rather than this failing.
				Label predicted = prediction.getOutput();
				outputs.add(ModelOutput.classification((predicted != null) ? predicted.getLabel() : null, scores));
			}
			return outputs;
		}
		Model<Regressor> regressor = (Model<Regressor>) model;
		List<Example<Regressor>> examples = new ArrayList<>(instances.size());
		for (Object[] instance : instances) {
			FeatureSchema.EncodedInstance encoded = schema.encode(instance, order);
			examples.add(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, encoded.names(), encoded.values()));
		}
		List<ModelOutput> outputs = new ArrayList<>(examples.size());
		for (Prediction<Regressor> prediction : regressor.predict(examples)) {
			outputs.add(ModelOutput.regression(prediction.getOutput().getValues()[0]));
		}
		return outputs;
	}

}
