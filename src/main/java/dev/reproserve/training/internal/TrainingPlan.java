package dev.reproserve.training.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.reproserve.datasets.CsvTable;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.OutputSpec.Kind;
import dev.reproserve.training.InvalidTrainingRequestException;
import dev.reproserve.training.PipelineSpec;

/**
 * What a training will do, checked in full before any work starts: task, target,
 * features, the trainer with every hyperparameter resolved, seeds and split. Each concern
 * is checked by its own method, and every problem is reported at once.
 *
 * @param task classification or regression
 * @param target the target column
 * @param features the features, in the spec's order
 * @param trainer the trainer on offer
 * @param hyperparameters every hyperparameter with its value
 * @param seed the trainer's seed
 * @param testFraction the fraction of rows held out for testing
 * @param splitSeed the seed of the train/test split
 */
record TrainingPlan(Kind task, String target, List<PipelineSpec.Feature> features, TrainerCatalog.TrainerType trainer,
		Map<String, Object> hyperparameters, long seed, double testFraction, long splitSeed) {

	static final double DEFAULT_TEST_FRACTION = 0.3;

	static final int MIN_TRAINING_ROWS = 10;

	private static final Pattern FEATURE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

	/**
	 * Checks the spec against the data, each concern on its own, and reports every
	 * problem at once; the cells are read only when the rest holds.
	 */
	static TrainingPlan of(PipelineSpec spec, CsvTable table) {
		if (spec == null) {
			throw new InvalidTrainingRequestException(List.of("the pipeline spec is empty (JSON null)"));
		}
		List<PipelineSpec.Feature> features = (spec.features() != null) ? spec.features() : List.of();
		List<String> problems = new ArrayList<>(headerProblems(spec, table));
		problems.addAll(featureProblems(spec, features, table));
		ChosenTrainer trainer = chooseTrainer(spec);
		problems.addAll(trainer.problems());
		ChosenSplit split = chooseSplit(spec);
		problems.addAll(split.problems());
		problems.addAll(rowProblems(table, split));
		if (problems.isEmpty()) {
			problems.addAll(cellProblems(spec, features, table));
		}
		if (!problems.isEmpty()) {
			throw new InvalidTrainingRequestException(problems);
		}
		return new TrainingPlan(spec.task(), spec.target(), features, trainer.type(), trainer.hyperparameters(),
				spec.seed(), split.testFraction(), split.seed());
	}

	/** Format version, task, seed and target. */
	private static List<String> headerProblems(PipelineSpec spec, CsvTable table) {
		List<String> problems = new ArrayList<>();
		if (spec.formatVersion() == null || spec.formatVersion() != PipelineSpec.FORMAT_VERSION) {
			problems.add("formatVersion must be " + PipelineSpec.FORMAT_VERSION);
		}
		if (spec.task() == null) {
			problems.add("task is required: classification or regression");
		}
		if (spec.seed() == null) {
			problems.add("seed is required: every training is seeded");
		}
		if (spec.target() == null || spec.target().isBlank()) {
			problems.add("target is required");
		}
		else if (table.column(spec.target()) < 0) {
			problems.add("target column '" + spec.target() + "' is not in the data; columns are " + table.header());
		}
		return problems;
	}

	/** Each feature: its name, its column, its type and its transformations. */
	private static List<String> featureProblems(PipelineSpec spec, List<PipelineSpec.Feature> features,
			CsvTable table) {
		List<String> problems = new ArrayList<>();
		if (features.isEmpty()) {
			problems.add("features must list at least one column");
		}
		Set<String> seen = new HashSet<>();
		for (PipelineSpec.Feature feature : features) {
			if (feature == null || feature.name() == null) {
				problems.add("every feature needs a name");
				continue;
			}
			if (!FEATURE_NAME.matcher(feature.name()).matches()) {
				problems.add("feature name '" + feature.name() + "' must match " + FEATURE_NAME.pattern());
			}
			if (!seen.add(feature.name())) {
				problems.add("feature '" + feature.name() + "' is listed twice");
			}
			if (feature.name().equals(spec.target())) {
				problems.add("the target '" + spec.target() + "' cannot also be a feature");
			}
			if (table.column(feature.name()) < 0) {
				problems
					.add("feature column '" + feature.name() + "' is not in the data; columns are " + table.header());
			}
			if (feature.type() == null) {
				problems.add("feature '" + feature.name() + "' needs a type: numeric or categorical");
			}
			else {
				FeatureFitter.check(feature, problems);
			}
		}
		return problems;
	}

	private record ChosenTrainer(TrainerCatalog.@Nullable TrainerType type, Map<String, Object> hyperparameters,
			List<String> problems) {
	}

	/**
	 * The trainer, the task it must do, and its hyperparameters with defaults filled in.
	 */
	private static ChosenTrainer chooseTrainer(PipelineSpec spec) {
		List<String> problems = new ArrayList<>();
		if (spec.trainer() == null || spec.trainer().type() == null) {
			problems.add("trainer.type is required; one of " + TrainerCatalog.types().keySet());
			return new ChosenTrainer(null, Map.of(), problems);
		}
		TrainerCatalog.TrainerType trainer = TrainerCatalog.types().get(spec.trainer().type());
		if (trainer == null) {
			problems.add("unknown trainer '" + spec.trainer().type() + "'; one of " + TrainerCatalog.types().keySet());
			return new ChosenTrainer(null, Map.of(), problems);
		}
		if (spec.task() != null && !trainer.tasks().contains(spec.task())) {
			problems.add("trainer '" + trainer.name() + "' does not do " + spec.task().json());
		}
		Map<String, Object> hyperparameters = trainer.resolve(spec.trainer().hyperparameters(), problems);
		return new ChosenTrainer(trainer, hyperparameters, problems);
	}

	private record ChosenSplit(double testFraction, boolean valid, @Nullable Long seed, List<String> problems) {
	}

	/**
	 * The test fraction and the seed of the split (the spec's seed unless it names one).
	 */
	private static ChosenSplit chooseSplit(PipelineSpec spec) {
		double testFraction = DEFAULT_TEST_FRACTION;
		Long seed = spec.seed();
		if (spec.split() == null) {
			return new ChosenSplit(testFraction, true, seed, List.of());
		}
		boolean valid = true;
		if (spec.split().testFraction() != null) {
			testFraction = spec.split().testFraction();
			valid = testFraction >= 0 && testFraction < 1;
		}
		if (spec.split().seed() != null) {
			seed = spec.split().seed();
		}
		return new ChosenSplit(testFraction, valid, seed,
				valid ? List.of() : List.of("split.testFraction must be at least 0 and below 1"));
	}

	/**
	 * Enough rows for the golden examples, and enough left to train on after the split.
	 */
	private static List<String> rowProblems(CsvTable table, ChosenSplit split) {
		int rows = table.rows().size();
		if (rows < ModelTrainer.GOLDEN_EXAMPLES) {
			return List.of("the data has " + rows + " rows; at least " + ModelTrainer.GOLDEN_EXAMPLES + " are needed");
		}
		long trainRows = rows - Math.round(rows * split.testFraction());
		if (split.valid() && trainRows < MIN_TRAINING_ROWS) {
			return List.of("split.testFraction " + split.testFraction() + " leaves " + trainRows
					+ " training rows; at least " + MIN_TRAINING_ROWS + " are needed");
		}
		return List.of();
	}

	/**
	 * Empty cells where nothing imputes them, and numeric columns that hold other text.
	 */
	private static List<String> cellProblems(PipelineSpec spec, List<PipelineSpec.Feature> features, CsvTable table) {
		List<String> problems = new ArrayList<>();
		Map<String, PipelineSpec.Feature> byColumn = new LinkedHashMap<>();
		features.forEach((feature) -> byColumn.put(feature.name(), feature));
		byColumn.put(spec.target(), null);
		byColumn.forEach((column, feature) -> {
			int index = table.column(column);
			boolean numeric = (feature == null) ? spec.task() == Kind.REGRESSION
					: feature.type() == FeatureType.NUMERIC;
			boolean imputed = feature != null && !FeatureFitter.missing(feature).equals(FeatureFitter.REJECT);
			List<Integer> missing = new ArrayList<>();
			List<Integer> notNumbers = new ArrayList<>();
			for (int row = 0; row < table.rows().size(); row++) {
				String cell = table.rows().get(row).get(index).trim();
				if (cell.isEmpty()) {
					missing.add(row + 2);
				}
				else if (numeric && parseFinite(cell) == null) {
					notNumbers.add(row + 2);
				}
			}
			if (!missing.isEmpty() && feature == null) {
				problems.add("the target column '" + column + "' has empty cells on lines " + first(missing)
						+ "; remove those rows, a target is never imputed");
			}
			else if (!missing.isEmpty() && !imputed) {
				problems.add("column '" + column + "' has empty cells on lines " + first(missing)
						+ "; set the feature's missing to mean, median, most-frequent or constant to impute them");
			}
			if (!notNumbers.isEmpty()) {
				problems
					.add("column '" + column + "' must hold finite numbers but lines " + first(notNumbers) + " do not");
			}
		});
		return problems;
	}

	/** Line numbers for a problem: the first five, and how many in all. */
	static String first(List<Integer> lines) {
		return lines.size() <= 5 ? lines.toString()
				: lines.subList(0, 5).toString().replace("]", ", ... (" + lines.size() + " in all)]");
	}

	private static Double parseFinite(String cell) {
		try {
			double value = Double.parseDouble(cell);
			return Double.isFinite(value) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
