package dev.reproserve.bundle;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One input feature of a model, as clients must send it.
 *
 * @param name the JSON member name in a request instance
 * @param type numeric or categorical
 * @param categories the allowed values of a categorical feature, in training order; empty
 * for numeric features
 * @param missingAllowed whether the feature may be absent or null (this format version
 * has no imputation, so it is always false)
 */
public record FeatureSpec(String name, FeatureType type,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> categories, boolean missingAllowed) {

	/**
	 * Separates a categorical feature's name from its category in the model's features.
	 */
	public static final String ONE_HOT_SEPARATOR = "@";

	public FeatureSpec {
		categories = Lists.copyOrEmpty(categories);
	}

	public static FeatureSpec numeric(String name) {
		return new FeatureSpec(name, FeatureType.NUMERIC, List.of(), false);
	}

	public static FeatureSpec categorical(String name, List<String> categories) {
		return new FeatureSpec(name, FeatureType.CATEGORICAL, categories, false);
	}

	/** The name of the model feature that is 1.0 when this feature has the category. */
	public String oneHotName(String category) {
		return this.name + ONE_HOT_SEPARATOR + category;
	}

}
