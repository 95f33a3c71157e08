package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The population a model was trained on, as live traffic is later compared with it:
 * computed on the training split, in file order, with no randomness, so two trainings of
 * the same snapshot, spec and seed record the same profile. Bins are fixed here and live
 * counts use the same ones ({@link ProfileBins}).
 *
 * @param rows the rows of the training split
 * @param features one profile per input feature, in schema order
 * @param output the model's own predictions on the training split
 */
public record TrainingProfile(int rows, List<FeatureProfile> features, OutputProfile output) {

	public TrainingProfile {
		features = List.copyOf(features);
	}

	/** The profile of a feature by name, if the profile has it. */
	public @Nullable FeatureProfile feature(String name) {
		for (FeatureProfile feature : this.features) {
			if (feature.name().equals(name)) {
				return feature;
			}
		}
		return null;
	}

	/**
	 * One feature on the training split.
	 *
	 * @param name the feature
	 * @param type numeric or categorical
	 * @param edges a numeric feature's bin edges: the minimum, the deciles and the
	 * maximum, equal edges merged ({@link Distributions#decileEdges}); empty for a
	 * categorical one
	 * @param categories a categorical feature's bins, the schema's categories in order;
	 * empty for a numeric one
	 * @param counts the training split's counts in those bins
	 * @param mean of the present values of a numeric feature, null otherwise
	 * @param standardDeviation population standard deviation of the present values of a
	 * numeric feature, null otherwise
	 */
	public record FeatureProfile(String name, FeatureType type,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Double> edges,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> categories, BinCounts counts,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double mean,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double standardDeviation) {

		public FeatureProfile {
			edges = ListCopies.orEmpty(edges);
			categories = ListCopies.orEmpty(categories);
		}

	}

	/**
	 * The model's predictions on the training split.
	 *
	 * @param kind classification or regression
	 * @param target the name of what is predicted
	 * @param labels a classifier's labels, in the output's order: its bins
	 * @param edges a regressor's bin edges, the deciles of its predicted values
	 * @param counts the predictions in those bins
	 */
	public record OutputProfile(OutputSpec.Kind kind, String target,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> labels,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Double> edges, BinCounts counts) {

		public OutputProfile {
			labels = ListCopies.orEmpty(labels);
			edges = ListCopies.orEmpty(edges);
		}

	}

	/**
	 * Profiles the training split.
	 * @param schema the fitted input schema
	 * @param output what the model predicts
	 * @param rows the training split in file order, each in schema order
	 * ({@link FeatureSchema#row}), null where a value is missing
	 * @param predictions the model's output for each row
	 */
	public static TrainingProfile of(FeatureSchema schema, OutputSpec output, List<Object[]> rows,
			List<ModelOutput> predictions) {
		List<FeatureProfile> features = new ArrayList<>();
		List<FeatureSpec> specs = schema.features();
		for (int i = 0; i < specs.size(); i++) {
			FeatureSpec spec = specs.get(i);
			List<Object> values = new ArrayList<>(rows.size());
			for (Object[] row : rows) {
				values.add(row[i]);
			}
			features.add((spec.type() == FeatureType.NUMERIC) ? numeric(spec.name(), values)
					: categorical(spec.name(), spec.categories(), values));
		}
		return new TrainingProfile(rows.size(), features, output(output, predictions));
	}

	/**
	 * Profiles the training split with the model's own predictions on it.
	 * @param trainingRows the training split in file order, as validated instances
	 */
	public static TrainingProfile ofModel(org.tribuo.Model<?> model, BundleManifest manifest,
			List<? extends Map<String, ?>> trainingRows) {
		FeatureSchema schema = manifest.inputSchema();
		List<Object[]> rows = new ArrayList<>(trainingRows.size());
		for (Map<String, ?> instance : trainingRows) {
			rows.add(schema.row(instance));
		}
		return of(schema, manifest.output(), rows, LoadedBundle.outputs(model, manifest, trainingRows));
	}

	private static FeatureProfile numeric(String name, List<Object> values) {
		double[] present = values.stream()
			.filter((value) -> value != null)
			.mapToDouble((value) -> ((Number) value).doubleValue())
			.toArray();
		long missing = values.size() - present.length;
		if (present.length == 0) {
			return new FeatureProfile(name, FeatureType.NUMERIC, List.of(), List.of(),
					new BinCounts(List.of(), 0, 0, 0, missing), null, null);
		}
		double[] edges = Distributions.decileEdges(present);
		double sum = 0;
		for (double value : present) {
			sum += value;
		}
		double mean = sum / present.length;
		double squares = 0;
		for (double value : present) {
			squares += (value - mean) * (value - mean);
		}
		return new FeatureProfile(name, FeatureType.NUMERIC, boxed(edges), List.of(), binned(edges, present, missing),
				mean, Math.sqrt(squares / present.length));
	}

	private static FeatureProfile categorical(String name, List<String> categories, List<Object> values) {
		return new FeatureProfile(name, FeatureType.CATEGORICAL, List.of(), categories,
				counted(categories, values.stream().map((value) -> (value != null) ? value.toString() : null).toList()),
				null, null);
	}

	private static OutputProfile output(OutputSpec output, List<ModelOutput> predictions) {
		if (output.kind() == OutputSpec.Kind.CLASSIFICATION) {
			return new OutputProfile(output.kind(), output.target(), output.labels(), List.of(),
					counted(output.labels(), predictions.stream().map(ModelOutput::label).toList()));
		}
		double[] values = predictions.stream().mapToDouble(ModelOutput::value).toArray();
		double[] edges = (values.length > 0) ? Distributions.decileEdges(values) : new double[0];
		return new OutputProfile(output.kind(), output.target(), List.of(), boxed(edges),
				(values.length > 0) ? binned(edges, values, 0) : new BinCounts(List.of(), 0, 0, 0, 0));
	}

	private static BinCounts binned(double[] edges, double[] values, long missing) {
		long[] bins = new long[Math.max(1, edges.length - 1)];
		long below = 0;
		long above = 0;
		for (double value : values) {
			int bin = Distributions.bin(edges, value);
			if (bin == Distributions.BELOW) {
				below++;
			}
			else if (bin == Distributions.ABOVE) {
				above++;
			}
			else {
				bins[bin]++;
			}
		}
		return new BinCounts(Arrays.stream(bins).boxed().toList(), below, above, 0, missing);
	}

	private static BinCounts counted(List<String> categories, List<@Nullable String> values) {
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < categories.size(); i++) {
			index.put(categories.get(i), i);
		}
		long[] bins = new long[categories.size()];
		long unseen = 0;
		long missing = 0;
		for (String value : values) {
			Integer bin = (value != null) ? index.get(value) : null;
			if (value == null) {
				missing++;
			}
			else if (bin == null) {
				unseen++;
			}
			else {
				bins[bin]++;
			}
		}
		return new BinCounts(Arrays.stream(bins).boxed().toList(), 0, 0, unseen, missing);
	}

	private static List<Double> boxed(double[] values) {
		return Arrays.stream(values).boxed().toList();
	}

}
