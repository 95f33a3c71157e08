package dev.reproserve.training.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.tribuo.Trainer;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer.BoosterType;
import org.tribuo.common.xgboost.XGBoostTrainer.LoggingVerbosity;
import org.tribuo.common.xgboost.XGBoostTrainer.TreeMethod;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer.RegressionType;

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

	/**
	 * Mixed into a random forest's seed for its trees. Tribuo's bagging draws bootstrap
	 * samples from the first split of {@code SplittableRandom(seed)}, and a CART trainer
	 * with that same seed would sample the first tree's features from the very same
	 * stream; a different seed keeps the two draws independent.
	 */
	static final long TREE_SEED_SALT = 0x5EEDF0E5_7C0FFEE5L;

	/** The most XGBoost training threads a spec may ask for. */
	static final int MAX_XGBOOST_THREADS = 64;

	private static final String MAX_DEPTH = "deepest level a tree may grow to";

	private static final String MIN_CHILD_WEIGHT = "least weight of examples in a child node";

	private static final String MIN_IMPURITY_DECREASE = "least impurity decrease a split must give";

	private static final String FRACTION = "fraction of the features each split chooses among";

	private static final Map<String, TrainerType> TYPES = new LinkedHashMap<>();

	static {
		register(new TrainerType("logistic-regression", Set.of(Kind.CLASSIFICATION),
				"Multinomial logistic regression by SGD with AdaGrad",
				params(p("epochs", Integer.class, 20, Range.atLeast(1), "passes over the training rows"),
						p("learningRate", Double.class, 1.0, Range.above(0), "AdaGrad's initial learning rate"),
						p("epsilon", Double.class, 1e-6, Range.ANY, "AdaGrad's term that keeps steps finite"),
						p("minibatchSize", Integer.class, 1, Range.atLeast(1), "rows per gradient step")),
				(task, h, seed) -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(),
						new AdaGrad((Double) h.get("learningRate"), (Double) h.get("epsilon")),
						(Integer) h.get("epochs"), NO_LOGGING, (Integer) h.get("minibatchSize"), seed)));
		register(new TrainerType("cart", Set.of(Kind.CLASSIFICATION, Kind.REGRESSION),
				"CART decision tree (Gini impurity for classification, mean squared error for regression)",
				params(p("maxDepth", Integer.class, 8, Range.atLeast(1), MAX_DEPTH),
						p("minChildWeight", Double.class, 5.0, Range.atLeast(0), MIN_CHILD_WEIGHT),
						p("minImpurityDecrease", Double.class, 0.0, Range.atLeast(0), MIN_IMPURITY_DECREASE),
						p("fractionFeaturesInSplit", Double.class, 1.0, Range.between(0, false, 1, true), FRACTION),
						p("useRandomSplitPoints", Boolean.class, false, Range.ANY,
								"split at a random point between values instead of the best one")),
				TrainerCatalog::cart));
		register(new TrainerType("linear-sgd", Set.of(Kind.REGRESSION),
				"Linear regression by SGD with AdaGrad on squared loss",
				params(p("epochs", Integer.class, 20, Range.atLeast(1), "passes over the training rows"),
						p("learningRate", Double.class, 0.1, Range.above(0), "AdaGrad's initial learning rate"),
						p("epsilon", Double.class, 1e-6, Range.ANY, "AdaGrad's term that keeps steps finite"),
						p("minibatchSize", Integer.class, 1, Range.atLeast(1), "rows per gradient step")),
				(task, h, seed) -> new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(),
						new AdaGrad((Double) h.get("learningRate"), (Double) h.get("epsilon")),
						(Integer) h.get("epochs"), NO_LOGGING, (Integer) h.get("minibatchSize"), seed)));
		register(new TrainerType("random-forest", Set.of(Kind.CLASSIFICATION, Kind.REGRESSION),
				"Random forest: CART trees on bootstrap samples, each split choosing among a random fraction of "
						+ "the features; majority vote for classification, mean for regression",
				params(p("numTrees", Integer.class, 20, Range.atLeast(1), "trees in the forest"),
						p("maxDepth", Integer.class, 8, Range.atLeast(1), MAX_DEPTH),
						p("minChildWeight", Double.class, 2.0, Range.atLeast(0), MIN_CHILD_WEIGHT),
						p("minImpurityDecrease", Double.class, 0.0, Range.atLeast(0), MIN_IMPURITY_DECREASE),
						// Tribuo's RandomForestTrainer refuses trees that see every
						// feature at every split: that would be plain bagging.
						p("fractionFeaturesInSplit", Double.class, 0.5,
								Range.between(0, false, 1, false).because("for a random forest"), FRACTION)),
				TrainerCatalog::randomForest));
		register(new TrainerType("xgboost", Set.of(Kind.CLASSIFICATION, Kind.REGRESSION),
				"Gradient-boosted trees by XGBoost (softmax probabilities for classification, squared error "
						+ "for regression); the same model whatever nthread, which only sets training threads",
				params(p("numTrees", Integer.class, 50, Range.atLeast(1), "boosting rounds, one tree each"),
						p("eta", Double.class, 0.3, Range.between(0, false, 1, true), "shrinkage of each tree's step"),
						p("maxDepth", Integer.class, 6, Range.atLeast(1), MAX_DEPTH),
						p("minChildWeight", Double.class, 1.0, Range.atLeast(0),
								"least hessian weight a child node must have"),
						p("subsample", Double.class, 0.8, Range.between(0, false, 1, true),
								"fraction of rows each tree is grown on"),
						p("featureSubsample", Double.class, 1.0, Range.between(0, false, 1, true),
								"fraction of features each tree may use"),
						p("gamma", Double.class, 0.0, Range.atLeast(0), "least loss reduction a split must give"),
						p("lambda", Double.class, 1.0, Range.atLeast(0), "L2 penalty on leaf weights"),
						p("alpha", Double.class, 0.0, Range.atLeast(0), "L1 penalty on leaf weights"),
						p("nthread", Integer.class, 1, Range.between(1, true, MAX_XGBOOST_THREADS, true),
								"training threads; the model is the same for any number")),
				TrainerCatalog::xgboost));
	}

	private static Trainer<?> cart(Kind task, Map<String, Object> h, long seed) {
		int maxDepth = (Integer) h.get("maxDepth");
		float minChildWeight = ((Double) h.get("minChildWeight")).floatValue();
		float minImpurityDecrease = ((Double) h.get("minImpurityDecrease")).floatValue();
		float fraction = ((Double) h.get("fractionFeaturesInSplit")).floatValue();
		boolean randomSplits = (Boolean) h.getOrDefault("useRandomSplitPoints", false);
		return (task == Kind.CLASSIFICATION)
				? new CARTClassificationTrainer(maxDepth, minChildWeight, minImpurityDecrease, fraction, randomSplits,
						new GiniIndex(), seed)
				: new CARTRegressionTrainer(maxDepth, minChildWeight, minImpurityDecrease, fraction, randomSplits,
						new MeanSquaredError(), seed);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Trainer<?> randomForest(Kind task, Map<String, Object> h, long seed) {
		int numTrees = (Integer) h.get("numTrees");
		Trainer<?> tree = cart(task, h, seed ^ TREE_SEED_SALT);
		return (task == Kind.CLASSIFICATION)
				? new RandomForestTrainer((CARTClassificationTrainer) tree, new VotingCombiner(), numTrees, seed)
				: new RandomForestTrainer((CARTRegressionTrainer) tree, new AveragingCombiner(), numTrees, seed);
	}

	private static Trainer<?> xgboost(Kind task, Map<String, Object> h, long seed) {
		int numTrees = (Integer) h.get("numTrees");
		double eta = (Double) h.get("eta");
		int maxDepth = (Integer) h.get("maxDepth");
		double minChildWeight = (Double) h.get("minChildWeight");
		double subsample = (Double) h.get("subsample");
		double featureSubsample = (Double) h.get("featureSubsample");
		double gamma = (Double) h.get("gamma");
		double lambda = (Double) h.get("lambda");
		double alpha = (Double) h.get("alpha");
		int nthread = (Integer) h.get("nthread");
		// Tree method fixed to 'exact' rather than XGBoost's 'auto', whose choice depends
		// on the data size and on the XGBoost version.
		return (task == Kind.CLASSIFICATION)
				? new XGBoostClassificationTrainer(BoosterType.GBTREE, TreeMethod.EXACT, numTrees, eta, gamma, maxDepth,
						minChildWeight, subsample, featureSubsample, lambda, alpha, nthread, LoggingVerbosity.SILENT,
						seed)
				: new XGBoostRegressionTrainer(BoosterType.GBTREE, TreeMethod.EXACT, RegressionType.LINEAR, numTrees,
						eta, gamma, maxDepth, minChildWeight, subsample, featureSubsample, lambda, alpha, nthread,
						LoggingVerbosity.SILENT, seed);
	}

	private TrainerCatalog() {
	}

	private static void register(TrainerType type) {
		TYPES.put(type.name(), type);
	}

	public static Map<String, TrainerType> types() {
		return TYPES;
	}

	private static Param p(String name, Class<?> type, Object defaultValue, Range range, String description) {
		return new Param(name, type, defaultValue, range, description);
	}

	private static Map<String, Param> params(Param... params) {
		Map<String, Param> map = new LinkedHashMap<>();
		for (Param param : params) {
			map.put(param.name(), param);
		}
		return map;
	}

	/**
	 * A hyperparameter: its name, JSON type, default, the values it may take and what it
	 * does.
	 */
	public record Param(String name, Class<?> type, Object defaultValue, Range range, String description) {

		public String typeName() {
			return (this.type == Integer.class) ? "integer" : (this.type == Double.class) ? "number" : "boolean";
		}

		/** The problem with a value of the right type, or null when it is in range. */
		@Nullable String problem(Object value) {
			return (value instanceof Number number && !this.range.contains(number.doubleValue()))
					? "hyperparameter '" + this.name + "' must be " + this.range : null;
		}

	}

	/**
	 * The numbers a hyperparameter may take: an interval, each end open, closed or
	 * absent, with an optional reason that follows its description.
	 */
	public record Range(double min, boolean minClosed, double max, boolean maxClosed, @Nullable String reason) {

		/** No bound. */
		public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false,
				null);

		static Range atLeast(double min) {
			return new Range(min, true, Double.POSITIVE_INFINITY, false, null);
		}

		static Range above(double min) {
			return new Range(min, false, Double.POSITIVE_INFINITY, false, null);
		}

		static Range between(double min, boolean minClosed, double max, boolean maxClosed) {
			return new Range(min, minClosed, max, maxClosed, null);
		}

		Range because(String reason) {
			return new Range(this.min, this.minClosed, this.max, this.maxClosed, reason);
		}

		boolean contains(double value) {
			return (this.minClosed ? value >= this.min : value > this.min)
					&& (this.maxClosed ? value <= this.max : value < this.max);
		}

		/** As a problem says it: "at least 1", "above 0", "from 1 to 64", "in (0, 1]". */
		@Override
		public String toString() {
			String bounds;
			if (this.max == Double.POSITIVE_INFINITY) {
				bounds = (this.min == Double.NEGATIVE_INFINITY) ? "any number"
						: (this.minClosed ? "at least " : "above ") + number(this.min);
			}
			else if (this.minClosed && this.maxClosed) {
				bounds = "from " + number(this.min) + " to " + number(this.max);
			}
			else {
				bounds = "in " + (this.minClosed ? "[" : "(") + number(this.min) + ", " + number(this.max)
						+ (this.maxClosed ? "]" : ")");
			}
			return (this.reason != null) ? bounds + " " + this.reason : bounds;
		}

		private static String number(double value) {
			return (value == Math.rint(value)) ? String.valueOf((long) value) : String.valueOf(value);
		}

	}

	/** Builds a fresh, seeded Tribuo trainer from resolved hyperparameters. */
	@FunctionalInterface
	public interface TrainerFactory {

		Trainer<?> create(Kind task, Map<String, Object> hyperparameters, long seed);

	}

	/** A trainer on offer. */
	public record TrainerType(String name, Set<Kind> tasks, String description, Map<String, Param> parameters,
			TrainerFactory factory) {

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

		private void validateRanges(Map<String, Object> h, List<String> problems) {
			this.parameters.values().forEach((param) -> {
				String problem = param.problem(h.get(param.name()));
				if (problem != null) {
					problems.add(problem);
				}
			});
		}

		/** A fresh trainer for the task, hyperparameters and seed. */
		public Trainer<?> create(Kind task, Map<String, Object> h, long seed) {
			return this.factory.create(task, h, seed);
		}

	}

}
