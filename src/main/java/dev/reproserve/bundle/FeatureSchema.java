package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * The ordered input features of a model. Training and serving both turn an instance into
 * model features through {@link #encode(Map)}, so the two can never disagree on names or
 * encodings.
 *
 * @param features the features in training order
 */
public record FeatureSchema(List<FeatureSpec> features) {

	public FeatureSchema {
		// Null (or null entries, in a hand-made manifest) reads as "no features", which
		// the bundle check then reports by name.
		features = ListCopies.orEmpty(features);
	}

	/**
	 * Encodes one validated instance (numeric values as {@link Number}, categorical as
	 * {@link String}, absent or null where the feature allows missing values) into Tribuo
	 * feature names and values, applying the fitted transformations: a missing value
	 * takes its recorded fill value, a numeric value is scaled with the recorded
	 * statistics and keeps its name, and a categorical one becomes a single
	 * {@code name@category = 1.0} (or nothing at all, for an unseen category under the
	 * {@code zeros} policy).
	 * @throws IllegalArgumentException if a value is absent or of the wrong kind where
	 * the schema does not allow it; the serving path validates first, so this only guards
	 * programming errors
	 */
	public EncodedInstance encode(Map<String, ?> instance) {
		return encode(row(instance));
	}

	/**
	 * The same for an instance given as a row: {@code row[i]} is the value of feature
	 * {@code i} in training order, {@code null} where it is absent or null. The streaming
	 * request reader builds rows like this without a map per instance.
	 */
	public EncodedInstance encode(Object[] row) {
		return encode(row, null);
	}

	/**
	 * The same, visiting the features in the given order ({@link #nameOrder()}); the
	 * encoded features are the same, in another order.
	 */
	public EncodedInstance encode(Object[] row, int @Nullable [] order) {
		String[] names = new String[this.features.size()];
		double[] values = new double[this.features.size()];
		int size = 0;
		for (int k = 0; k < names.length; k++) {
			int i = (order != null) ? order[k] : k;
			FeatureSpec feature = this.features.get(i);
			Object value = row[i];
			boolean imputed = value == null && feature.imputation() != null;
			if (imputed) {
				value = feature.imputation().value();
			}
			if (feature.type() == FeatureType.NUMERIC && value instanceof Number number) {
				names[size] = feature.name();
				values[size++] = (feature.scaling() != null) ? feature.scaling().apply(number.doubleValue())
						: number.doubleValue();
			}
			else if (feature.type() == FeatureType.CATEGORICAL && value instanceof String category) {
				// A missing value filled with a constant that no training row had turns
				// every one-hot column off, whatever the unseen-category policy: the
				// client sent no category at all.
				if (feature.categories().contains(category)) {
					names[size] = feature.oneHotName(category);
					values[size++] = 1.0;
				}
				else if (!feature.acceptsUnseenCategories() && !imputed) {
					throw new IllegalArgumentException(
							"Feature '" + feature.name() + "' has the unknown category " + category);
				}
			}
			else {
				throw new IllegalArgumentException("Feature '" + feature.name() + "' has no valid value: " + value);
			}
		}
		return new EncodedInstance((size == names.length) ? names : Arrays.copyOf(names, size),
				(size == values.length) ? values : Arrays.copyOf(values, size));
	}

	/**
	 * Feature indexes in the order of the features' names. Tribuo's {@code ArrayExample}
	 * sorts its features by name when it is built; given them in this order (sorted but
	 * for one-hot names next to a longer feature name), that sort has next to nothing to
	 * do, where in training order it sorted 50 names per instance. The example is the
	 * same either way: the order only saves time.
	 */
	public int[] nameOrder() {
		Integer[] order = new Integer[this.features.size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> this.features.get(a).name().compareTo(this.features.get(b).name()));
		return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
	}

	/** An instance as a row in training order ({@link #encode(Object[])}). */
	public Object[] row(Map<String, ?> instance) {
		Object[] row = new Object[this.features.size()];
		for (int i = 0; i < row.length; i++) {
			row[i] = instance.get(this.features.get(i).name());
		}
		return row;
	}

	/**
	 * Whether a validated instance gives the model no feature at all: possible only when
	 * every feature is categorical and each value is outside its categories (unseen under
	 * the {@code zeros} policy, or a constant fill no training row had). Tribuo refuses
	 * to predict from nothing, so such an instance must be refused before it gets there.
	 */
	public boolean encodesToNothing(Map<String, ?> instance) {
		return encodesToNothing(row(instance));
	}

	/** The same for a row ({@link #encode(Object[])}). */
	public boolean encodesToNothing(Object[] row) {
		for (int i = 0; i < row.length; i++) {
			FeatureSpec feature = this.features.get(i);
			if (feature.type() == FeatureType.NUMERIC) {
				return false;
			}
			Object value = row[i];
			if (value == null && feature.imputation() != null) {
				value = feature.imputation().value();
			}
			if (feature.categories().contains(value)) {
				return false;
			}
		}
		return true;
	}

	/** Every model feature name this schema can produce. */
	@JsonIgnore
	public Set<String> modelFeatureNames() {
		Set<String> names = new LinkedHashSet<>();
		for (FeatureSpec feature : this.features) {
			if (feature.type() == FeatureType.NUMERIC) {
				names.add(feature.name());
			}
			else {
				feature.categories().forEach((category) -> names.add(feature.oneHotName(category)));
			}
		}
		return names;
	}

	@JsonIgnore
	public List<String> names() {
		List<String> names = new ArrayList<>();
		this.features.forEach((feature) -> names.add(feature.name()));
		return names;
	}

	/** Parallel arrays of Tribuo feature names and values for one instance. */
	public record EncodedInstance(String[] names, double[] values) {
	}

}
