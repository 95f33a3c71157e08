package dev.reproserve.bundle;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;

/**
 * How the model was trained.
 *
 * @param trainer the short trainer name from the pipeline spec (e.g. {@code cart})
 * @param trainerClass the Tribuo trainer class
 * @param hyperparameters every hyperparameter with the value used, defaults included
 * @param seeds every seed that influenced the result, by purpose
 * @param split how the data was split into training and test rows
 * @param ensemble how an ensemble model is built and seeded, {@code null} (and absent
 * from the JSON) for a single model
 */
public record TrainingRecord(String trainer, String trainerClass, Map<String, Object> hyperparameters,
		Map<String, Long> seeds, Split split,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable EnsembleStructure ensemble) {

	/**
	 * @param testFraction fraction of rows held out for metrics
	 * @param trainRows rows the model was fitted on
	 * @param testRows rows the metrics were measured on
	 */
	public record Split(double testFraction, int trainRows, int testRows) {
	}

}
