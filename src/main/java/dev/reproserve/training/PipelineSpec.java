package dev.reproserve.training;

import java.util.List;
import java.util.Map;

import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.OutputSpec;

/**
 * What to train, as JSON (format version {@value #FORMAT_VERSION}): which columns are
 * features and of which type, the target, the trainer with its hyperparameters, the seed
 * and the train/test split. Everything that influences the model is here, so the same
 * data and spec give the same model.
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

	/** A feature column and its type. */
	public record Feature(String name, FeatureType type) {
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
