package dev.reproserve.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.OutputSpec.Kind;
import dev.reproserve.support.TestModels;
import dev.reproserve.training.internal.ModelTrainer;
import dev.reproserve.training.internal.TrainerCatalog;

/**
 * One small training per trainer in the catalog and task it supports: classification on
 * iris (numeric features) and on penguins (categorical features, empty cells, every kind
 * of transformation), regression of the penguins' body mass (scaled features).
 * Hyperparameters are kept small so that every case trains in well under a second. Shared
 * by the in-JVM determinism tests and {@link TrainerFingerprints}, which runs them in
 * another JVM.
 */
public final class TrainerCases {

	/** The seed every case is trained with unless a test says otherwise. */
	public static final long SEED = 11;

	/**
	 * The split seed stays fixed so that changing the seed changes only the trainer's.
	 */
	private static final PipelineSpec.Split SPLIT = new PipelineSpec.Split(0.3, 5L);

	/** Tribuo's bagging logs a line per member at INFO; held here so it stays quiet. */
	private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

	static {
		TRIBUO_LOGGER.setLevel(Level.WARNING);
	}

	private static final List<PipelineSpec.Feature> IRIS_FEATURES = List.of(
			new PipelineSpec.Feature("sepal_length", FeatureType.NUMERIC),
			new PipelineSpec.Feature("sepal_width", FeatureType.NUMERIC),
			new PipelineSpec.Feature("petal_length", FeatureType.NUMERIC),
			new PipelineSpec.Feature("petal_width", FeatureType.NUMERIC));

	/**
	 * Penguins with its empty cells, through every kind of transformation: the fitted
	 * statistics feed the model, so a fingerprint that matches across JVMs shows they
	 * match too.
	 */
	private static final List<PipelineSpec.Feature> PENGUIN_SPECIES_FEATURES = List.of(
			new PipelineSpec.Feature("island", FeatureType.CATEGORICAL, null, null, null, "zeros"),
			new PipelineSpec.Feature("sex", FeatureType.CATEGORICAL, "most-frequent", null, null, null),
			new PipelineSpec.Feature("bill_length_mm", FeatureType.NUMERIC, "median", null, "standardize", null),
			new PipelineSpec.Feature("bill_depth_mm", FeatureType.NUMERIC, "mean", null, "min-max", null),
			new PipelineSpec.Feature("flipper_length_mm", FeatureType.NUMERIC, "constant", 200, null, null));

	private static final List<PipelineSpec.Feature> PENGUIN_MASS_FEATURES = List.of(
			new PipelineSpec.Feature("species", FeatureType.CATEGORICAL),
			new PipelineSpec.Feature("island", FeatureType.CATEGORICAL),
			new PipelineSpec.Feature("sex", FeatureType.CATEGORICAL, "constant", "UNKNOWN", null, null),
			new PipelineSpec.Feature("bill_length_mm", FeatureType.NUMERIC, null, null, "standardize", null),
			new PipelineSpec.Feature("bill_depth_mm", FeatureType.NUMERIC, null, null, "min-max", null),
			new PipelineSpec.Feature("flipper_length_mm", FeatureType.NUMERIC));

	private static final TrainingData PENGUINS_WITH_GAPS = new TrainingData(
			TestModels.resource("datasets/penguins.csv"), "penguins.csv");

	/**
	 * Small hyperparameters per trainer. CART samples half the features at each split:
	 * with every feature and fixed split points its seed is never used (see
	 * {@code TrainerDeterminismTests}).
	 */
	private static final Map<String, Map<String, Object>> HYPERPARAMETERS = Map.of("logistic-regression",
			Map.of("epochs", 10), "linear-sgd", Map.of("epochs", 5), "cart", Map.of("fractionFeaturesInSplit", 0.5),
			"random-forest", Map.of("numTrees", 10, "maxDepth", 6), "xgboost",
			Map.of("numTrees", 10, "maxDepth", 4, "subsample", 0.8));

	private TrainerCases() {
	}

	/** A trainer on one task and data set. */
	public record Case(String name, String trainer, Kind task, String target, List<PipelineSpec.Feature> features,
			TrainingData data) {

		public PipelineSpec spec(long seed) {
			return spec(seed, Map.of());
		}

		/** The spec with some hyperparameters replaced. */
		public PipelineSpec spec(long seed, Map<String, Object> overrides) {
			Map<String, Object> hyperparameters = new LinkedHashMap<>(
					HYPERPARAMETERS.getOrDefault(this.trainer, Map.of()));
			hyperparameters.putAll(overrides);
			return new PipelineSpec(1, this.task, this.target, this.features,
					new PipelineSpec.Trainer(this.trainer, hyperparameters), seed, SPLIT);
		}

		public TrainedModel train(long seed) {
			return ModelTrainer.train("determinism", spec(seed), this.data);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	/** Every trainer in the catalog on every task it supports, in catalog order. */
	public static List<Case> all() {
		List<Case> cases = new ArrayList<>();
		TrainerCatalog.types().values().forEach((type) -> {
			if (type.tasks().contains(Kind.CLASSIFICATION)) {
				cases.add(new Case(type.name() + "/classification/iris", type.name(), Kind.CLASSIFICATION, "species",
						IRIS_FEATURES, TestModels.irisData()));
				cases.add(new Case(type.name() + "/classification/penguins", type.name(), Kind.CLASSIFICATION,
						"species", PENGUIN_SPECIES_FEATURES, PENGUINS_WITH_GAPS));
			}
			if (type.tasks().contains(Kind.REGRESSION)) {
				cases.add(new Case(type.name() + "/regression/penguins", type.name(), Kind.REGRESSION, "body_mass_g",
						PENGUIN_MASS_FEATURES, TestModels.penguinsData()));
			}
		});
		return cases;
	}

}
