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

import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import org.jspecify.annotations.Nullable;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Trainer;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.datasets.CsvTable;
import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.DataFingerprint;
import dev.reproserve.bundle.DependencyList;
import dev.reproserve.bundle.Evaluation;
import dev.reproserve.bundle.FeatureSchema;
import dev.reproserve.bundle.FeatureSpec;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.GoldenExample;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.bundle.OutputSpec;
import dev.reproserve.bundle.OutputSpec.Kind;
import dev.reproserve.bundle.TrainingProfile;
import dev.reproserve.bundle.TrainingRecord;
import dev.reproserve.training.InvalidTrainingRequestException;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainedModel;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.TrainingProgress;

/**
 * Turns CSV data and a pipeline spec into a bundle. Deterministic: the split shuffles
 * with {@link Random} (its sequence is fixed by the Java specification), the trainer is
 * fresh and seeded, golden examples are rows at fixed positions. No database access
 * happens here.
 */
public final class ModelTrainer {

	/** Golden examples recorded per model. */
	public static final int GOLDEN_EXAMPLES = 12;

	private ModelTrainer() {
	}

	/**
	 * Validates the spec against the data (every problem at once), then trains.
	 * @throws InvalidTrainingRequestException listing every problem, before any training
	 */
	public static TrainedModel train(String modelName, PipelineSpec spec, TrainingData data) {
		return train(modelName, spec, data, TrainingProgress.NONE);
	}

	/** As {@link #train(String, PipelineSpec, TrainingData)}, reporting its stages. */
	public static TrainedModel train(String modelName, PipelineSpec spec, TrainingData data,
			TrainingProgress progress) {
		progress.stage("checking the spec against the data", 0.02);
		CsvTable table = data.table();
		TrainingPlan plan = TrainingPlan.of(spec, table);
		return plan.task() == Kind.CLASSIFICATION
				? run(modelName, spec, plan, table, data, new LabelFactory(), progress)
				: run(modelName, spec, plan, table, data, new RegressionFactory(), progress);
	}

	/**
	 * Runs every check {@link #train} runs before fitting the model (spec, data, split,
	 * fitted transformations), without training: cheap enough to answer a request with.
	 * @throws InvalidTrainingRequestException listing every problem
	 */
	public static void validate(PipelineSpec spec, TrainingData data) {
		CsvTable table = data.table();
		TrainingPlan plan = TrainingPlan.of(spec, table);
		if (plan.task() == Kind.CLASSIFICATION) {
			prepare(plan, table, new LabelFactory());
		}
		else {
			prepare(plan, table, new RegressionFactory());
		}
	}

	/** The rows read, split, and the pipeline fitted on the training rows. */
	private record Prepared<T extends Output<T>>(List<Map<String, Object>> instances, List<T> outputs,
			List<Integer> trainIndices, List<Integer> testIndices, FeatureSchema schema) {
	}

	private static <T extends Output<T>> Prepared<T> prepare(TrainingPlan plan, CsvTable table,
			OutputFactory<T> factory) {
		List<Map<String, Object>> instances = new ArrayList<>(table.rows().size());
		List<T> outputs = new ArrayList<>(table.rows().size());
		int targetColumn = table.column(plan.target());
		for (List<String> row : table.rows()) {
			Map<String, Object> instance = new LinkedHashMap<>();
			for (PipelineSpec.Feature feature : plan.features()) {
				String cell = row.get(table.column(feature.name())).trim();
				if (!cell.isEmpty()) {
					instance.put(feature.name(),
							feature.type() == FeatureType.NUMERIC ? (Object) Double.parseDouble(cell) : cell);
				}
			}
			instances.add(instance);
			outputs.add(factory.generateOutput(row.get(targetColumn).trim()));
		}

		List<Integer> order = shuffled(instances.size(), plan.splitSeed());
		int testRows = (int) Math.round(instances.size() * plan.testFraction());
		List<Integer> testIndices = order.subList(0, testRows);
		List<Integer> trainIndices = order.subList(testRows, order.size());

		List<String> problems = new ArrayList<>();
		FeatureSchema schema = fitSchema(plan, instances, trainIndices, problems);
		if (problems.isEmpty()) {
			checkTestSplit(plan, schema, instances, outputs, trainIndices, testIndices, problems);
		}
		if (!problems.isEmpty()) {
			throw new InvalidTrainingRequestException(problems);
		}
		return new Prepared<>(instances, outputs, trainIndices, testIndices, schema);
	}

	private static <T extends Output<T>> TrainedModel run(String modelName, PipelineSpec spec, TrainingPlan plan,
			CsvTable table, TrainingData data, OutputFactory<T> factory, TrainingProgress progress) {
		progress.stage("fitting the pipeline on the training split", 0.05);
		Prepared<T> prepared = prepare(plan, table, factory);
		List<Map<String, Object>> instances = prepared.instances();
		List<T> outputs = prepared.outputs();
		List<Integer> trainIndices = prepared.trainIndices();
		List<Integer> testIndices = prepared.testIndices();
		FeatureSchema schema = prepared.schema();
		String description = "csv:" + data.source() + " sha256:" + table.sha256();
		MutableDataset<T> train = dataset(description, factory, schema, instances, outputs, trainIndices);
		@SuppressWarnings("unchecked")
		Trainer<T> trainer = (Trainer<T>) plan.trainer().create(plan.task(), plan.hyperparameters(), plan.seed());
		Model<T> model;
		Map<String, Double> metrics = new TreeMap<>();
		Evaluation evaluation = null;
		try {
			progress.stage("fitting the model", 0.1);
			model = trainer.train(train);
			progress.stage("measuring on the test split", 0.8);
			if (!testIndices.isEmpty()) {
				MutableDataset<T> test = dataset(description, factory, schema, instances, outputs, testIndices);
				evaluation = Evaluations.measure(model, test, plan.task(), metrics);
			}
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// Tribuo refuses degenerate data (e.g. a single class for some trainers) this
			// way.
			throw new InvalidTrainingRequestException(
					List.of("the trainer could not fit this data: " + ex.getMessage()));
		}
		BundleManifest draft = manifest(modelName, spec, plan, model, trainer, schema, metrics, evaluation,
				new TrainingRecord.Split(plan.testFraction(), trainIndices.size(), testIndices.size()),
				new DataFingerprint(table.sha256(), table.rows().size(), data.source()));
		progress.stage("recording golden examples", 0.9);
		BundleManifest golden = draft.withGoldenExamples(goldenExamples(model, draft, instances, schema));
		progress.stage("profiling the training split", 0.95);
		BundleManifest manifest = golden
			.withProfile(TrainingProfile.ofModel(model, golden, inFileOrder(instances, trainIndices)));
		return new TrainedModel(BundleCodec.write(manifest, model), manifest,
				testIndices.stream().map(instances::get).toList());
	}

	/** The record of a trained model, without its golden examples yet. */
	private static <T extends Output<T>> BundleManifest manifest(String modelName, PipelineSpec spec, TrainingPlan plan,
			Model<T> model, Trainer<T> trainer, FeatureSchema schema, Map<String, Double> metrics,
			@Nullable Evaluation evaluation, TrainingRecord.Split split, DataFingerprint data) {
		return new BundleManifest(BundleManifest.FORMAT_VERSION, modelName, model.getClass().getName(),
				BundleCodec.fingerprint(model), schema, outputSpec(model, plan),
				new TrainingRecord(plan.trainer().name(), trainer.getClass().getName(), plan.hyperparameters(),
						seeds(plan), split, dev.reproserve.bundle.EnsembleStructure.of(model)),
				data, metrics, List.of(), DependencyList.current(),
				ManifestJson.tree(new JsonProvenanceSerialization(false).marshalAndSerialize(model.getProvenance())),
				Instant.now().truncatedTo(ChronoUnit.MILLIS), ManifestJson.valueTree(spec), evaluation, null);
	}

	/** The model's own outputs on servable rows picked from the data. */
	private static List<GoldenExample> goldenExamples(Model<?> model, BundleManifest draft,
			List<Map<String, Object>> instances, FeatureSchema schema) {
		List<Map<String, Object>> inputs = goldenInputs(instances, schema);
		List<ModelOutput> outputs = LoadedBundle.outputs(model, draft, inputs);
		List<GoldenExample> golden = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			golden.add(new GoldenExample(inputs.get(i), outputs.get(i)));
		}
		return List.copyOf(golden);
	}

	/**
	 * The training split of a spec on data as {@link #train} reads it, in file order:
	 * what a version's training profile is computed from.
	 * @throws InvalidTrainingRequestException if the spec does not train on the data
	 */
	public static List<Map<String, Object>> trainingSplit(PipelineSpec spec, TrainingData data) {
		CsvTable table = data.table();
		TrainingPlan plan = TrainingPlan.of(spec, table);
		Prepared<?> prepared = (plan.task() == Kind.CLASSIFICATION) ? prepare(plan, table, new LabelFactory())
				: prepare(plan, table, new RegressionFactory());
		return inFileOrder(prepared.instances(), prepared.trainIndices());
	}

	private static List<Map<String, Object>> inFileOrder(List<Map<String, Object>> instances, List<Integer> indices) {
		List<Integer> fileOrder = new ArrayList<>(indices);
		java.util.Collections.sort(fileOrder);
		return fileOrder.stream().map(instances::get).toList();
	}

	/** Fits every feature's transformations on the training rows, in file order. */
	private static FeatureSchema fitSchema(TrainingPlan plan, List<Map<String, Object>> instances,
			List<Integer> trainIndices, List<String> problems) {
		List<Integer> fileOrder = new ArrayList<>(trainIndices);
		java.util.Collections.sort(fileOrder);
		List<FeatureSpec> features = new ArrayList<>();
		for (PipelineSpec.Feature feature : plan.features()) {
			List<Object> values = new ArrayList<>(fileOrder.size());
			fileOrder.forEach((i) -> values.add(instances.get(i).get(feature.name())));
			features.add(FeatureFitter.fit(feature, values, problems));
		}
		return problems.isEmpty() ? new FeatureSchema(features) : null;
	}

	/**
	 * Test rows must be readable by the fitted pipeline: their labels seen in training
	 * and their categories known, unless the feature maps unseen categories to zeros.
	 */
	private static <T extends Output<T>> void checkTestSplit(TrainingPlan plan, FeatureSchema schema,
			List<Map<String, Object>> instances, List<T> outputs, List<Integer> trainIndices, List<Integer> testIndices,
			List<String> problems) {
		if (plan.task() == Kind.CLASSIFICATION) {
			Set<T> seen = new HashSet<>();
			trainIndices.forEach((i) -> seen.add(outputs.get(i)));
			Set<String> unseen = new TreeSet<>();
			testIndices.stream()
				.map(outputs::get)
				.filter((o) -> !seen.contains(o))
				.forEach((o) -> unseen.add(o.toString()));
			if (!unseen.isEmpty()) {
				problems.add("the test split holds labels " + unseen
						+ " that no training row has; use a smaller split.testFraction or another split.seed");
			}
		}
		List<Integer> empty = new ArrayList<>();
		for (int i : testIndices) {
			if (schema.encodesToNothing(instances.get(i))) {
				empty.add(i + 2);
			}
		}
		if (!empty.isEmpty()) {
			java.util.Collections.sort(empty);
			problems.add("test split rows on lines " + TrainingPlan.first(empty)
					+ " have no feature value the training split had,"
					+ " so the model could not read them; add a numeric feature or change the split");
		}
		for (FeatureSpec feature : schema.features()) {
			if (feature.type() != FeatureType.CATEGORICAL || feature.acceptsUnseenCategories()) {
				continue;
			}
			Set<String> unseen = new TreeSet<>();
			for (int i : testIndices) {
				Object value = instances.get(i).get(feature.name());
				if (value != null && !feature.categories().contains(value)) {
					unseen.add((String) value);
				}
			}
			if (!unseen.isEmpty()) {
				problems.add("the test split holds categories " + unseen + " of feature '" + feature.name()
						+ "' that no training row has; set its unseenCategory to zeros, or change the split");
			}
		}
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

	private static OutputSpec outputSpec(Model<?> model, TrainingPlan plan) {
		if (plan.task() == Kind.REGRESSION) {
			return new OutputSpec(Kind.REGRESSION, plan.target(), List.of());
		}
		return new OutputSpec(Kind.CLASSIFICATION, plan.target(), OutputSpec.labelsInIdOrder(model));
	}

	private static Map<String, Long> seeds(TrainingPlan plan) {
		Map<String, Long> seeds = new TreeMap<>();
		seeds.put("trainer", plan.seed());
		seeds.put("split", plan.splitSeed());
		return seeds;
	}

	/**
	 * Rows at evenly spaced positions of the whole file, the same rows every time, among
	 * the rows a client could send: a row with a category the training split never had is
	 * skipped when the feature refuses unseen categories.
	 */
	private static List<Map<String, Object>> goldenInputs(List<Map<String, Object>> instances, FeatureSchema schema) {
		List<Map<String, Object>> servable = instances.stream().filter((i) -> servable(i, schema)).toList();
		List<Map<String, Object>> golden = new ArrayList<>();
		int n = servable.size();
		for (int i = 0; i < GOLDEN_EXAMPLES && n > 0; i++) {
			golden.add(servable.get((int) ((long) i * n / GOLDEN_EXAMPLES)));
		}
		return golden;
	}

	private static boolean servable(Map<String, Object> instance, FeatureSchema schema) {
		if (schema.encodesToNothing(instance)) {
			return false;
		}
		for (FeatureSpec feature : schema.features()) {
			Object value = instance.get(feature.name());
			if (feature.type() == FeatureType.CATEGORICAL && value != null && !feature.acceptsUnseenCategories()
					&& !feature.categories().contains(value)) {
				return false;
			}
		}
		return true;
	}

}
