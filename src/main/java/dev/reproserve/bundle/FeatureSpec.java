package dev.reproserve.bundle;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;

/**
 * One input feature of a model, as clients must send it, with the transformations fitted
 * on the training split. Serving applies exactly these: nothing is recomputed on other
 * data.
 *
 * @param name the JSON member name in a request instance
 * @param type numeric or categorical
 * @param categories the allowed values of a categorical feature as learned from the
 * training split, sorted; empty for numeric features
 * @param missingAllowed whether the feature may be absent or null (true exactly when an
 * imputation is recorded)
 * @param imputation how an absent or null value is filled, with the fill value fitted on
 * the training split; null when a missing value is refused
 * @param scaling how a numeric value is scaled, with the fitted statistics; null for none
 * @param unseenCategory what a categorical value outside {@code categories} does:
 * {@code reject} (a 422 at predict time) or {@code zeros} (every one-hot column 0); null
 * for numeric features
 */
public record FeatureSpec(String name, FeatureType type,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> categories, boolean missingAllowed,
		@JsonInclude(JsonInclude.Include.NON_NULL) Imputation imputation,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Scaling scaling,
		@JsonInclude(JsonInclude.Include.NON_NULL) String unseenCategory) {

	/**
	 * Separates a categorical feature's name from its category in the model's features.
	 */
	public static final String ONE_HOT_SEPARATOR = "@";

	/** Unseen categories are refused at predict time. */
	public static final String UNSEEN_REJECT = "reject";

	/** Unseen categories read as all one-hot columns 0. */
	public static final String UNSEEN_ZEROS = "zeros";

	public FeatureSpec {
		categories = ListCopies.orEmpty(categories);
	}

	public static FeatureSpec numeric(String name) {
		return new FeatureSpec(name, FeatureType.NUMERIC, List.of(), false, null, null, null);
	}

	public static FeatureSpec categorical(String name, List<String> categories) {
		return new FeatureSpec(name, FeatureType.CATEGORICAL, categories, false, null, null, UNSEEN_REJECT);
	}

	/** The name of the model feature that is 1.0 when this feature has the category. */
	public String oneHotName(String category) {
		return this.name + ONE_HOT_SEPARATOR + category;
	}

	/** Whether an unseen category is accepted (and encoded as all zeros). */
	@JsonIgnore
	public boolean acceptsUnseenCategories() {
		return UNSEEN_ZEROS.equals(this.unseenCategory);
	}

	/**
	 * A missing-value imputation and its fitted fill value.
	 *
	 * @param strategy {@code mean}, {@code median}, {@code most-frequent} or
	 * {@code constant}
	 * @param value the fill value: a number for numeric features, a category for
	 * categorical ones
	 */
	public record Imputation(String strategy, Object value) {
	}

	/**
	 * A numeric scaling, applied as {@code (value - offset) / scale}.
	 *
	 * @param method {@code standardize} (offset = mean, scale = population standard
	 * deviation) or {@code min-max} (offset = minimum, scale = maximum - minimum); a
	 * scale of 0 (a constant column) is recorded as 1
	 * @param offset fitted on the training split
	 * @param scale fitted on the training split
	 */
	public record Scaling(String method, double offset, double scale) {

		public double apply(double value) {
			return (value - this.offset) / this.scale;
		}

	}

}
