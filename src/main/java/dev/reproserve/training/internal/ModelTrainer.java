package dev.reproserve.training.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.DataFingerprint;
import dev.reproserve.bundle.DependencyList;
import dev.reproserve.bundle.FeatureSchema;
import dev.reproserve.bundle.FeatureSpec;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.GoldenExample;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.bundle.OutputSpec;
import dev.reproserve.bundle.OutputSpec.Kind;
import dev.reproserve.bundle.TrainingRecord;
import dev.reproserve.training.InvalidTrainingRequestException;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainedModel;
import dev.reproserve.training.TrainingData;

/**
 * Turns CSV data and a pipeline spec into a bundle. Deterministic: the split shuffles
 * with {@link Random} (its sequence is fixed by the Java specification), the trainer is
 * fresh and seeded, golden examples are rows at fixed positions. No database access
 * happens here.
 */
public final class ModelTrainer {

	/** Golden examples recorded per model. */
	public static final int GOLDEN_EXAMPLES = 12;

	static final double DEFAULT_TEST_FRACTION = 0.3;

	static final int MIN_TRAINING_ROWS = 10;

	private static final Pattern FEATURE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

	private ModelTrainer() {
	}

	/**
	 * Validates the spec against the data (every problem at once), then trains.
	 * @throws InvalidTrainingRequestException listing every problem, before any training
	 */
	public static TrainedModel train(String modelName, PipelineSpec spec, TrainingData data) {
		CsvTable table = CsvTable.parse(data.csv());
		Plan plan = plan(spec, table);
		return plan.task == Kind.CLASSIFICATION ? run(modelName, plan, table, data, new LabelFactory())
				: run(modelName, plan, table, data, new RegressionFactory());
	}

	private record Plan(Kind task, String target, List<PipelineSpec.Feature> features,
			TrainerCatalog.TrainerType trainer, Map<String, Object> hyperparameters, long seed, double testFraction,
			long splitSeed) {
	}

	private static Plan plan(PipelineSpec spec, CsvTable table) {
		if (spec == null) {
			throw new InvalidTrainingRequestException(List.of("the pipeline spec is empty (JSON null)"));
		}
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
		List<PipelineSpec.Feature> features = (spec.features() != null) ? spec.features() : List.of();
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
		}
		TrainerCatalog.TrainerType trainer = null;
		Map<String, Object> hyperparameters = Map.of();
		if (spec.trainer() == null || spec.trainer().type() == null) {
			problems.add("trainer.type is required; one of " + TrainerCatalog.types().keySet());
		}
		else {
			trainer = TrainerCatalog.types().get(spec.trainer().type());
			if (trainer == null) {
				problems
					.add("unknown trainer '" + spec.trainer().type() + "'; one of " + TrainerCatalog.types().keySet());
			}
			else {
				if (spec.task() != null && !trainer.tasks().contains(spec.task())) {
					problems.add("trainer '" + trainer.name() + "' does not do " + spec.task().json());
				}
				hyperparameters = trainer.resolve(spec.trainer().hyperparameters(), problems);
			}
		}
		double testFraction = DEFAULT_TEST_FRACTION;
		Long splitSeed = spec.seed();
		if (spec.split() != null) {
			if (spec.split().testFraction() != null) {
				testFraction = spec.split().testFraction();
				if (!(testFraction >= 0 && testFraction < 1)) {
					problems.add("split.testFraction must be at least 0 and below 1");
				}
			}
			if (spec.split().seed() != null) {
				splitSeed = spec.split().seed();
			}
		}
		if (table.rows().size() < GOLDEN_EXAMPLES) {
			problems.add("the data has " + table.rows().size() + " rows; at least " + GOLDEN_EXAMPLES + " are needed");
		}
		long trainRows = table.rows().size() - Math.round(table.rows().size() * testFraction);
		if (table.rows().size() >= GOLDEN_EXAMPLES && trainRows < MIN_TRAINING_ROWS) {
			problems.add("split.testFraction " + testFraction + " leaves " + trainRows + " training rows; at least "
					+ MIN_TRAINING_ROWS + " are needed");
		}
		if (problems.isEmpty()) {
			checkCells(spec, features, table, problems);
		}
		if (!problems.isEmpty()) {
			throw new InvalidTrainingRequestException(problems);
		}
		return new Plan(spec.task(), spec.target(), features, trainer, hyperparameters, spec.seed(), testFraction,
				splitSeed);
	}

	private static void checkCells(PipelineSpec spec, List<PipelineSpec.Feature> features, CsvTable table,
			List<String> problems) {
		List<String> columns = new ArrayList<>();
		features.forEach((feature) -> columns.add(feature.name()));
		columns.add(spec.target());
		for (String column : columns) {
			int index = table.column(column);
			boolean numeric = column.equals(spec.target()) ? spec.task() == Kind.REGRESSION
					: features.stream().anyMatch((f) -> f.name().equals(column) && f.type() == FeatureType.NUMERIC);
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
			if (!missing.isEmpty()) {
				problems.add("column '" + column + "' has empty cells on lines " + first(missing)
						+ "; this spec version cannot impute missing values");
			}
			if (!notNumbers.isEmpty()) {
				problems
					.add("column '" + column + "' must hold finite numbers but lines " + first(notNumbers) + " do not");
			}
		}
	}

	private static String first(List<Integer> lines) {
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

	private static <T extends Output<T>> TrainedModel run(String modelName, Plan plan, CsvTable table,
			TrainingData data, OutputFactory<T> factory) {
		FeatureSchema schema = schema(plan, table);
		List<Map<String, Object>> instances = new ArrayList<>(table.rows().size());
		List<T> outputs = new ArrayList<>(table.rows().size());
		int targetColumn = table.column(plan.target);
		for (List<String> row : table.rows()) {
			Map<String, Object> instance = new LinkedHashMap<>();
			for (FeatureSpec feature : schema.features()) {
				String cell = row.get(table.column(feature.name())).trim();
				instance.put(feature.name(),
						feature.type() == FeatureType.NUMERIC ? (Object) Double.parseDouble(cell) : cell);
			}
			instances.add(instance);
			outputs.add(factory.generateOutput(row.get(targetColumn).trim()));
		}

		List<Integer> order = shuffled(instances.size(), plan.splitSeed);
		int testRows = (int) Math.round(instances.size() * plan.testFraction);
		List<Integer> testIndices = order.subList(0, testRows);
		List<Integer> trainIndices = order.subList(testRows, order.size());

		if (plan.task == Kind.CLASSIFICATION) {
			Set<T> seen = new HashSet<>();
			trainIndices.forEach((i) -> seen.add(outputs.get(i)));
			Set<String> unseen = new TreeSet<>();
			testIndices.stream()
				.map(outputs::get)
				.filter((o) -> !seen.contains(o))
				.forEach((o) -> unseen.add(o.toString()));
			if (!unseen.isEmpty()) {
				throw new InvalidTrainingRequestException(List.of("the test split holds labels " + unseen
						+ " that no training row has; use a smaller split.testFraction or another split.seed"));
			}
		}

		String description = "csv:" + data.source() + " sha256:" + table.sha256();
		MutableDataset<T> train = dataset(description, factory, schema, instances, outputs, trainIndices);
		@SuppressWarnings("unchecked")
		Trainer<T> trainer = (Trainer<T>) plan.trainer.create(plan.task, plan.hyperparameters, plan.seed);
		Model<T> model;
		Map<String, Double> metrics = new TreeMap<>();
		try {
			model = trainer.train(train);
			if (!testIndices.isEmpty()) {
				MutableDataset<T> test = dataset(description, factory, schema, instances, outputs, testIndices);
				metrics.putAll(metrics(model, test, plan.task));
			}
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// Tribuo refuses degenerate data (e.g. a single class for some trainers) this
			// way.
			throw new InvalidTrainingRequestException(
					List.of("the trainer could not fit this data: " + ex.getMessage()));
		}
		OutputSpec output = outputSpec(model, plan);
		BundleManifest draft = new BundleManifest(BundleManifest.FORMAT_VERSION, modelName, model.getClass().getName(),
				BundleCodec.fingerprint(model), schema, output,
				new TrainingRecord(plan.trainer.name(), trainer.getClass().getName(), plan.hyperparameters, seeds(plan),
						new TrainingRecord.Split(plan.testFraction, trainIndices.size(), testRows),
						dev.reproserve.bundle.EnsembleStructure.of(model)),
				new DataFingerprint(table.sha256(), table.rows().size(), data.source()), metrics, List.of(),
				DependencyList.current(),
				ManifestJson.tree(new JsonProvenanceSerialization(false).marshalAndSerialize(model.getProvenance())),
				Instant.now().truncatedTo(ChronoUnit.MILLIS));
		List<Map<String, Object>> goldenInputs = goldenInputs(instances);
		List<ModelOutput> goldenOutputs = LoadedBundle.outputs(model, draft, goldenInputs);
		List<GoldenExample> golden = new ArrayList<>();
		for (int i = 0; i < goldenInputs.size(); i++) {
			golden.add(new GoldenExample(goldenInputs.get(i), goldenOutputs.get(i)));
		}
		BundleManifest manifest = new BundleManifest(draft.formatVersion(), draft.modelName(), draft.modelClass(),
				draft.modelFingerprint(), draft.inputSchema(), draft.output(), draft.training(), draft.trainingData(),
				draft.metrics(), List.copyOf(golden), draft.dependencies(), draft.tribuoProvenance(),
				draft.createdAt());
		return new TrainedModel(BundleCodec.write(manifest, model), manifest);
	}

	private static FeatureSchema schema(Plan plan, CsvTable table) {
		List<FeatureSpec> features = new ArrayList<>();
		for (PipelineSpec.Feature feature : plan.features) {
			if (feature.type() == FeatureType.NUMERIC) {
				features.add(FeatureSpec.numeric(feature.name()));
			}
			else {
				int column = table.column(feature.name());
				Set<String> categories = new TreeSet<>();
				table.rows().forEach((row) -> categories.add(row.get(column).trim()));
				features.add(FeatureSpec.categorical(feature.name(), List.copyOf(categories)));
			}
		}
		return new FeatureSchema(features);
	}

	private static List<Integer> shuffled(int size, long seed) {
		List<Integer> order = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			order.add(i);
		}
		java.util.Collections.shuffle(order, new Random(seed));
		return order;
	}

	private static <T extends Output<T>> MutableDataset<T> dataset(String description, OutputFactory<T> factory,
			FeatureSchema schema, List<Map<String, Object>> instances, List<T> outputs, List<Integer> indices) {
		MutableDataset<T> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(description, factory), factory);
		for (int index : indices) {
			FeatureSchema.EncodedInstance encoded = schema.encode(instances.get(index));
			Example<T> example = new ArrayExample<>(outputs.get(index), encoded.names(), encoded.values());
			dataset.add(example);
		}
		return dataset;
	}

	@SuppressWarnings("unchecked")
	private static <T extends Output<T>> Map<String, Double> metrics(Model<T> model, MutableDataset<T> test,
			Kind task) {
		Map<String, Double> metrics = new LinkedHashMap<>();
		if (task == Kind.CLASSIFICATION) {
			LabelEvaluation evaluation = new LabelEvaluator().evaluate((Model<Label>) model,
					(MutableDataset<Label>) test);
			metrics.put("accuracy", evaluation.accuracy());
			metrics.put("macroF1", evaluation.macroAveragedF1());
		}
		else {
			RegressionEvaluation evaluation = new RegressionEvaluator().evaluate((Model<Regressor>) model,
					(MutableDataset<Regressor>) test);
			metrics.put("rmse", evaluation.averageRMSE());
			metrics.put("mae", evaluation.averageMAE());
			metrics.put("r2", evaluation.averageR2());
		}
		return metrics;
	}

	private static OutputSpec outputSpec(Model<?> model, Plan plan) {
		if (plan.task == Kind.REGRESSION) {
			return new OutputSpec(Kind.REGRESSION, plan.target, List.of());
		}
		List<String> labels = new ArrayList<>();
		for (int id = 0; id < model.getOutputIDInfo().size(); id++) {
			labels.add(((Label) model.getOutputIDInfo().getOutput(id)).getLabel());
		}
		return new OutputSpec(Kind.CLASSIFICATION, plan.target, labels);
	}

	private static Map<String, Long> seeds(Plan plan) {
		Map<String, Long> seeds = new TreeMap<>();
		seeds.put("trainer", plan.seed);
		seeds.put("split", plan.splitSeed);
		return seeds;
	}

	/** Rows at evenly spaced positions of the whole file: the same rows every time. */
	private static List<Map<String, Object>> goldenInputs(List<Map<String, Object>> instances) {
		List<Map<String, Object>> golden = new ArrayList<>();
		int n = instances.size();
		for (int i = 0; i < GOLDEN_EXAMPLES; i++) {
			golden.add(instances.get((int) ((long) i * n / GOLDEN_EXAMPLES)));
		}
		return golden;
	}

}
