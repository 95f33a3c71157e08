package dev.reproserve.training.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.tribuo.Trainer;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

import dev.reproserve.bundle.OutputSpec.Kind;

/**
 * The trainers this service offers, with every hyperparameter's type and default. Each
 * call to {@link TrainerType#create} builds a fresh Tribuo trainer: a trainer instance
 * advances its RNG with every training, so reusing one would give a different model for
 * the same seed.
 */
public final class TrainerCatalog {

	/** Logging only every so many SGD iterations: in practice never. */
	private static final int NO_LOGGING = Integer.MAX_VALUE;

	private static final Map<String, TrainerType> TYPES = new LinkedHashMap<>();

	static {
		register(new TrainerType("logistic-regression", Set.of(Kind.CLASSIFICATION),
				"Multinomial logistic regression by SGD with AdaGrad",
				params(p("epochs", Integer.class, 20), p("learningRate", Double.class, 1.0),
						p("epsilon", Double.class, 1e-6), p("minibatchSize", Integer.class, 1)),
				(h) -> (seed) -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(),
						new AdaGrad((Double) h.get("learningRate"), (Double) h.get("epsilon")),
						(Integer) h.get("epochs"), NO_LOGGING, (Integer) h.get("minibatchSize"), seed)));
		register(new TrainerType("cart", Set.of(Kind.CLASSIFICATION, Kind.REGRESSION),
				"CART decision tree (Gini impurity for classification, mean squared error for regression)",
				params(p("maxDepth", Integer.class, 8), p("minChildWeight", Double.class, 5.0),
						p("minImpurityDecrease", Double.class, 0.0), p("fractionFeaturesInSplit", Double.class, 1.0),
						p("useRandomSplitPoints", Boolean.class, false)),
				null));
		register(new TrainerType("linear-sgd", Set.of(Kind.REGRESSION),
				"Linear regression by SGD with AdaGrad on squared loss",
				params(p("epochs", Integer.class, 20), p("learningRate", Double.class, 0.1),
						p("epsilon", Double.class, 1e-6), p("minibatchSize", Integer.class, 1)),
				(h) -> (seed) -> new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(),
						new AdaGrad((Double) h.get("learningRate"), (Double) h.get("epsilon")),
						(Integer) h.get("epochs"), NO_LOGGING, (Integer) h.get("minibatchSize"), seed)));
	}

	private TrainerCatalog() {
	}

	private static void register(TrainerType type) {
		TYPES.put(type.name(), type);
	}

	public static Map<String, TrainerType> types() {
		return TYPES;
	}

	private static Param p(String name, Class<?> type, Object defaultValue) {
		return new Param(name, type, defaultValue);
	}

	private static Map<String, Param> params(Param... params) {
		Map<String, Param> map = new LinkedHashMap<>();
		for (Param param : params) {
			map.put(param.name(), param);
		}
		return map;
	}

	/** A hyperparameter: its name, JSON type and default. */
	public record Param(String name, Class<?> type, Object defaultValue) {

		String typeName() {
			return (this.type == Integer.class) ? "integer" : (this.type == Double.class) ? "number" : "boolean";
		}

	}

	/** A trainer on offer. */
	public record TrainerType(String name, Set<Kind> tasks, String description, Map<String, Param> parameters,
			Function<Map<String, Object>, Function<Long, Trainer<?>>> factory) {

		/**
		 * Checks the given hyperparameters and fills in defaults.
		 * @param given from the spec, possibly null
		 * @param problems receives one line per problem
		 * @return every hyperparameter with its value, sorted by name
		 */
		public Map<String, Object> resolve(Map<String, Object> given, List<String> problems) {
			Map<String, Object> resolved = new TreeMap<>();
			this.parameters.values().forEach((param) -> resolved.put(param.name(), param.defaultValue()));
			if (given == null) {
				return resolved;
			}
			given.forEach((name, value) -> {
				Param param = this.parameters.get(name);
				if (param == null) {
					problems.add("trainer '" + this.name + "' has no hyperparameter '" + name + "'; it has "
							+ this.parameters.keySet());
					return;
				}
				Object converted = convert(param, value);
				if (converted == null) {
					problems.add("hyperparameter '" + name + "' must be " + param.typeName() + ", got " + value);
				}
				else {
					resolved.put(name, converted);
				}
			});
			validateRanges(resolved, problems);
			return resolved;
		}

		private static Object convert(Param param, Object value) {
			if (param.type() == Boolean.class) {
				return (value instanceof Boolean) ? value : null;
			}
			if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
				return null;
			}
			if (param.type() == Integer.class) {
				double d = number.doubleValue();
				return (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) ? (int) d : null;
			}
			return number.doubleValue();
		}

		private static void validateRanges(Map<String, Object> h, List<String> problems) {
			positive(h, "epochs", problems);
			positive(h, "minibatchSize", problems);
			positive(h, "maxDepth", problems);
			if (h.get("learningRate") instanceof Double rate && rate <= 0) {
				problems.add("hyperparameter 'learningRate' must be above 0");
			}
			if (h.get("fractionFeaturesInSplit") instanceof Double f && (f <= 0 || f > 1)) {
				problems.add("hyperparameter 'fractionFeaturesInSplit' must be in (0, 1]");
			}
		}

		private static void positive(Map<String, Object> h, String name, List<String> problems) {
			if (h.get(name) instanceof Integer value && value < 1) {
				problems.add("hyperparameter '" + name + "' must be at least 1");
			}
		}

		/** A fresh trainer for the task, hyperparameters and seed. */
		public Trainer<?> create(Kind task, Map<String, Object> h, long seed) {
			if (this.factory != null) {
				return this.factory.apply(h).apply(seed);
			}
			int maxDepth = (Integer) h.get("maxDepth");
			float minChildWeight = ((Double) h.get("minChildWeight")).floatValue();
			float minImpurityDecrease = ((Double) h.get("minImpurityDecrease")).floatValue();
			float fraction = ((Double) h.get("fractionFeaturesInSplit")).floatValue();
			boolean randomSplits = (Boolean) h.get("useRandomSplitPoints");
			return (task == Kind.CLASSIFICATION)
					? new CARTClassificationTrainer(maxDepth, minChildWeight, minImpurityDecrease, fraction,
							randomSplits, new GiniIndex(), seed)
					: new CARTRegressionTrainer(maxDepth, minChildWeight, minImpurityDecrease, fraction, randomSplits,
							new MeanSquaredError(), seed);
		}

	}

}
