package dev.reproserve.serving.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.reproserve.bundle.FeatureSchema;
import dev.reproserve.bundle.FeatureSpec;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.serving.SchemaViolation;

/**
 * Checks request instances against a model's input schema and collects every violation at
 * once. Tribuo ignores unknown feature names and reads a missing one as 0.0, so this
 * check is the only thing that keeps a guessed value from reaching the model.
 */
public final class SchemaValidator {

	private static final int MAX_ACTUAL_LENGTH = 80;

	private static final String NUMBER = "a finite JSON number";

	private SchemaValidator() {
	}

	/**
	 * @param instances the request's instances as JSON-bound Java values
	 * @param violations receives every violation
	 * @return the instances as the model reads them (numbers as {@link Double},
	 * categories as {@link String}, left out where a missing value will be imputed),
	 * meaningful only if no violation was added
	 */
	public static List<Map<String, Object>> validate(FeatureSchema schema, List<?> instances,
			List<SchemaViolation> violations) {
		List<Map<String, Object>> clean = new ArrayList<>(instances.size());
		java.util.Set<String> known = new java.util.HashSet<>(schema.names());
		boolean onlyCategorical = schema.features().stream().allMatch((f) -> f.type() == FeatureType.CATEGORICAL);
		for (int i = 0; i < instances.size(); i++) {
			Object raw = instances.get(i);
			if (!(raw instanceof Map<?, ?> instance)) {
				violations
					.add(new SchemaViolation(i, null, "not-an-object", "an object of feature values", jsonType(raw)));
				continue;
			}
			Map<String, Object> values = new LinkedHashMap<>();
			for (FeatureSpec feature : schema.features()) {
				String name = feature.name();
				Object value = instance.get(name);
				if (value == null && feature.missingAllowed()) {
					// Imputed with the fill value fitted at training, when encoded.
					continue;
				}
				if (!instance.containsKey(name)) {
					violations.add(new SchemaViolation(i, name, "missing", expected(feature), null));
					continue;
				}
				if (value == null) {
					violations.add(new SchemaViolation(i, name, "null", expected(feature), "null"));
					continue;
				}
				String problem = problem(feature, value);
				if (problem != null) {
					violations.add(new SchemaViolation(i, name, problem, expected(feature), describe(value)));
				}
				else {
					values.put(name, accepted(feature, value));
				}
			}
			int before = violations.size();
			for (Object key : instance.keySet()) {
				if (!known.contains(key)) {
					violations.add(new SchemaViolation(i, String.valueOf(key), "unexpected", "one of " + schema.names(),
							null));
				}
			}
			if (violations.size() == before && onlyCategorical && schema.encodesToNothing(values)) {
				violations.add(new SchemaViolation(i, null, "no-known-features",
						"at least one feature value the model was trained on (every value here is unseen or missing)",
						null));
			}
			clean.add(values);
		}
		return clean;
	}

	/**
	 * What is wrong with a feature's value, present and not null: {@code wrong-type},
	 * {@code not-finite}, {@code unknown-category}, or {@code null} when the model may
	 * read it. The one rule for both readers of instances: this class and the streaming
	 * {@link InstanceReader}.
	 */
	static @Nullable String problem(FeatureSpec feature, Object value) {
		if (feature.type() == FeatureType.NUMERIC) {
			if (!(value instanceof Number number)) {
				return "wrong-type";
			}
			double d = number.doubleValue();
			boolean exactOverflow = (number instanceof BigDecimal || number instanceof BigInteger)
					&& Double.isInfinite(d);
			return (!Double.isFinite(d) || exactOverflow) ? "not-finite" : null;
		}
		if (!(value instanceof String category)) {
			return "wrong-type";
		}
		return (!feature.categories().contains(category) && !feature.acceptsUnseenCategories()) ? "unknown-category"
				: null;
	}

	/** An accepted value as the model reads it: a number as {@link Double}. */
	static Object accepted(FeatureSpec feature, Object value) {
		if (feature.type() != FeatureType.NUMERIC || value instanceof Double) {
			return value;
		}
		return ((Number) value).doubleValue();
	}

	private static String expected(FeatureSpec feature) {
		return (feature.type() == FeatureType.NUMERIC) ? NUMBER : "a JSON string, one of " + feature.categories();
	}

	private static String describe(Object value) {
		String text = (value instanceof String s) ? '"' + s + '"' : String.valueOf(value);
		if (text.length() > MAX_ACTUAL_LENGTH) {
			text = text.substring(0, MAX_ACTUAL_LENGTH) + "...";
		}
		return jsonType(value) + " " + text;
	}

	static String jsonType(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof String) {
			return "string";
		}
		if (value instanceof Boolean) {
			return "boolean";
		}
		if (value instanceof Number) {
			return "number";
		}
		if (value instanceof List<?>) {
			return "array";
		}
		return "object";
	}

}
