package dev.reproserve.training;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.OutputSpec;

/**
 * What to train, as JSON (format version {@value #FORMAT_VERSION}): which columns are
 * features, of which type and with which transformations, the target, the trainer with
 * its hyperparameters, the seed and the train/test split. Everything that influences the
 * model is here, so the same data and spec give the same model. The spec is recorded in
 * the manifest as given, which is what a reproduction re-runs.
 *
 * @param formatVersion must be {@value #FORMAT_VERSION}
 * @param task classification or regression
 * @param target the column to predict
 * @param features the input columns, in the order clients see them
 * @param trainer the trainer and its hyperparameters
 * @param seed the trainer's seed
 * @param split how rows are held out for metrics; optional
 */
public record PipelineSpec(Integer formatVersion, OutputSpec.Kind task, String target, List<Feature> features,
		Trainer trainer, Long seed, Split split) {

	public static final int FORMAT_VERSION = 1;

	/**
	 * A feature column, its type and its transformations. Every statistic a
	 * transformation needs (a mean, a median, a category list) is fitted on the training
	 * split only and recorded in the manifest; serving applies exactly those values.
	 *
	 * @param name the column
	 * @param type numeric or categorical
	 * @param missing what an empty cell (in the data) or an absent or null value (in a
	 * request) becomes: {@code reject} (the default: empty cells refuse the training,
	 * missing values are a 422 at predict time), {@code mean} or {@code median} (numeric
	 * only), {@code most-frequent}, or {@code constant} with {@code fillValue}
	 * @param fillValue the value for {@code missing: constant}: a number for a numeric
	 * feature, a string for a categorical one
	 * @param scaling numeric only: {@code none} (the default), {@code standardize} or
	 * {@code min-max}
	 * @param unseenCategory categorical only: what a category the training split never
	 * had does at predict time, {@code reject} (the default, a 422) or {@code zeros} (all
	 * one-hot columns 0)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Feature(String name, FeatureType type, String missing, Object fillValue, String scaling,
			String unseenCategory) {

		/** A feature without transformations. */
		public Feature(String name, FeatureType type) {
			this(name, type, null, null, null, null);
		}

	}

	/**
	 * @param type a trainer name, see {@code GET /api/v1/trainers}
	 * @param hyperparameters values for the trainer's hyperparameters; the rest take
	 * their defaults, and all are recorded
	 */
	public record Trainer(String type, Map<String, Object> hyperparameters) {
	}

	/**
	 * @param testFraction the fraction of rows held out, from 0 (none) to below 1;
	 * default 0.3
	 * @param seed the shuffle seed; default the spec's seed
	 */
	public record Split(Double testFraction, Long seed) {
	}

}
