package dev.reproserve.bundle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;

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
		// the
		// bundle check then reports by name.
		features = Lists.copyOrEmpty(features);
	}

	/**
	 * Encodes one validated instance (numeric values as {@link Number}, categorical as
	 * {@link String}) into Tribuo feature names and values. A numeric feature keeps its
	 * name; a categorical one becomes a single {@code name@category = 1.0}.
	 * @throws IllegalArgumentException if a value is absent or of the wrong kind; the
	 * serving path validates first, so this only guards programming errors
	 */
	public EncodedInstance encode(Map<String, ?> instance) {
		String[] names = new String[this.features.size()];
		double[] values = new double[this.features.size()];
		for (int i = 0; i < names.length; i++) {
			FeatureSpec feature = this.features.get(i);
			Object value = instance.get(feature.name());
			if (feature.type() == FeatureType.NUMERIC && value instanceof Number number) {
				names[i] = feature.name();
				values[i] = number.doubleValue();
			}
			else if (feature.type() == FeatureType.CATEGORICAL && value instanceof String category) {
				names[i] = feature.oneHotName(category);
				values[i] = 1.0;
			}
			else {
				throw new IllegalArgumentException("Feature '" + feature.name() + "' has no valid value: " + value);
			}
		}
		return new EncodedInstance(names, values);
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
