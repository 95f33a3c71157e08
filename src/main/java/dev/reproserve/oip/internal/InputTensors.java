package dev.reproserve.oip.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.bundle.FeatureSchema;
import dev.reproserve.bundle.FeatureSpec;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.oip.InferenceRequest.RequestInput;
import dev.reproserve.oip.ModelMetadata.TensorMetadata;
import dev.reproserve.serving.SchemaViolation;

/**
 * Reads the input tensors of an inference request into instances of a model's features.
 * Two layouts: the one of MLServer's pandas codec, one tensor per feature, named after
 * it, of shape {@code [n]} (or {@code [n, 1]}), {@code FP64}, {@code FP32} or an integer
 * datatype for a numeric feature and {@code BYTES} for a categorical one; and, for a
 * model whose features are all numeric, the one of Triton's FIL backend, a single 2-D
 * tensor {@code [n, features]} (any name but a feature's) in the schema's order.
 * <p>
 * It checks the tensors' form and lists every violation of it: names, datatypes, shapes
 * against their data, each element against its datatype. A value is never coerced: a
 * string in a numeric tensor, a fraction in an integer one or an integer outside its
 * datatype is refused. What the values themselves must be (finite, a known category,
 * present unless the feature allows missing) is serving's schema check, which reads the
 * instances next; so {@code null} and NaN pass here to be judged there.
 */
public final class InputTensors {

	private static final int MAX_ACTUAL_LENGTH = 80;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private InputTensors() {
	}

	/**
	 * @param inputs the request's inputs as bound
	 * @return the instances, one map of feature to value per row (a feature without a
	 * tensor left out, for its imputation); with violations, only the features whose
	 * tensors could be read, so that their values can still be checked
	 */
	public static Read read(FeatureSchema schema, @Nullable List<RequestInput> inputs) {
		List<SchemaViolation> violations = new ArrayList<>();
		List<RequestInput> complete = complete(inputs, violations);
		Batch batch = (inputs != null && inputs.size() == 1 && complete.size() == 1
				&& isMatrix(schema, complete.get(0))) ? matrix(schema, complete.get(0), violations)
						: columns(schema, complete, violations);
		if (violations.isEmpty() && batch.size() <= 0) {
			violations.add(new SchemaViolation(null, null, "empty-batch",
					"at least one instance: input tensors of shape [n] with n of 1 or more",
					(batch.size() == 0) ? "n = 0" : "no input"));
		}
		List<Map<String, Object>> instances = new ArrayList<>(Math.max(batch.size(), 0));
		for (int i = 0; i < batch.size(); i++) {
			Map<String, Object> instance = new LinkedHashMap<>();
			for (Map.Entry<String, @Nullable Object[]> column : batch.columns().entrySet()) {
				instance.put(column.getKey(), column.getValue()[i]);
			}
			instances.add(instance);
		}
		return new Read(instances, batch.columns().keySet(), violations);
	}

	/**
	 * The inputs as the model's metadata names them: one tensor per feature, with a
	 * categorical feature's categories and whether a feature may be missing.
	 */
	public static List<TensorMetadata> metadata(FeatureSchema schema) {
		List<TensorMetadata> inputs = new ArrayList<>();
		for (FeatureSpec feature : schema.features()) {
			Map<String, Object> parameters = new LinkedHashMap<>();
			if (feature.type() == FeatureType.CATEGORICAL) {
				parameters.put("categories", JSON.writeValueAsString(feature.categories()));
			}
			if (feature.missingAllowed()) {
				parameters.put("missing_allowed", true);
			}
			inputs.add(new TensorMetadata(feature.name(),
					(feature.type() == FeatureType.NUMERIC) ? Datatype.FP64.name() : Datatype.BYTES.name(),
					List.of(-1L), parameters.isEmpty() ? null : parameters));
		}
		return inputs;
	}

	/** The inputs with a name, shape, datatype and data; a violation for each other. */
	private static List<RequestInput> complete(@Nullable List<RequestInput> inputs, List<SchemaViolation> violations) {
		List<RequestInput> complete = new ArrayList<>();
		for (int i = 0; inputs != null && i < inputs.size(); i++) {
			RequestInput input = inputs.get(i);
			List<String> absent = new ArrayList<>();
			if (input == null || input.name() == null) {
				absent.add("name");
			}
			if (input == null || input.shape() == null) {
				absent.add("shape");
			}
			if (input == null || input.datatype() == null) {
				absent.add("datatype");
			}
			if (input == null || input.data() == null) {
				absent.add("data");
			}
			if (absent.isEmpty()) {
				complete.add(input);
			}
			else {
				violations.add(new SchemaViolation(null,
						(input != null && input.name() != null) ? input.name() : "inputs[" + i + "]", "incomplete",
						"an input with name, shape, datatype and data", "no " + String.join(", ", absent)));
			}
		}
		return complete;
	}

	/** A single input of rank 2 that is not named after a feature: the 2-D layout. */
	private static boolean isMatrix(FeatureSchema schema, RequestInput input) {
		return !schema.names().contains(input.name()) && input.shape().size() == 2;
	}

	private static Batch columns(FeatureSchema schema, List<RequestInput> inputs, List<SchemaViolation> violations) {
		Map<String, FeatureSpec> features = new HashMap<>();
		schema.features().forEach((feature) -> features.put(feature.name(), feature));
		Map<String, @Nullable Object[]> columns = new LinkedHashMap<>();
		Set<String> named = new HashSet<>();
		int size = -1;
		String sizedBy = null;
		for (RequestInput input : inputs) {
			String name = input.name();
			FeatureSpec feature = features.get(name);
			if (!named.add(name)) {
				violations.add(new SchemaViolation(null, name, "duplicate", "one input per feature",
						"more than one input named '" + name + "'"));
				continue;
			}
			if (feature == null) {
				violations.add(new SchemaViolation(null, name, "unexpected",
						"an input per feature, named after it: " + schema.names(), null));
				continue;
			}
			Datatype datatype = datatype(feature.type(), input, violations);
			List<Object> elements = elements(input, 1, true, violations);
			if (datatype == null || elements == null) {
				continue;
			}
			if (size < 0) {
				size = elements.size();
				sizedBy = name;
			}
			else if (elements.size() != size) {
				violations.add(new SchemaViolation(null, name, "shape-mismatch",
						"[" + size + "], the batch size of input '" + sizedBy + "'", "shape " + input.shape()));
				continue;
			}
			columns.putAll(values(datatype, elements, List.of(feature), violations));
		}
		for (FeatureSpec feature : schema.features()) {
			if (!named.contains(feature.name()) && !feature.missingAllowed()) {
				violations.add(new SchemaViolation(null, feature.name(), "missing",
						"an input '" + feature.name() + "' of shape [n], datatype " + expectedDatatype(feature.type()),
						null));
			}
		}
		return new Batch(size, columns);
	}

	private static Batch matrix(FeatureSchema schema, RequestInput input, List<SchemaViolation> violations) {
		int width = schema.features().size();
		if (!schema.features().stream().allMatch((feature) -> feature.type() == FeatureType.NUMERIC)) {
			violations
				.add(new SchemaViolation(null, input.name(), "unexpected", "an input per feature, named after it: "
						+ schema.names() + " (one 2-D tensor only for a model whose features are all numeric)", null));
			return new Batch(-1, Map.of());
		}
		Datatype datatype = datatype(FeatureType.NUMERIC, input, violations);
		List<Object> elements = elements(input, width, false, violations);
		if (datatype == null || elements == null) {
			return new Batch(-1, Map.of());
		}
		return new Batch(elements.size() / width, values(datatype, elements, schema.features(), violations));
	}

	/**
	 * The datatype of an input, or null, with a violation, when its feature cannot take
	 * it.
	 */
	private static @Nullable Datatype datatype(FeatureType type, RequestInput input, List<SchemaViolation> violations) {
		Datatype datatype = Datatype.named(input.datatype());
		boolean fits = datatype != null
				&& ((type == FeatureType.NUMERIC) ? datatype.numeric() : datatype == Datatype.BYTES);
		if (!fits) {
			violations.add(new SchemaViolation(null, input.name(), "wrong-datatype", expectedDatatype(type),
					input.datatype()));
			return null;
		}
		return datatype;
	}

	private static String expectedDatatype(FeatureType type) {
		return (type == FeatureType.NUMERIC) ? "FP64, FP32 or an integer datatype (INT8 to INT64, UINT8 to UINT64)"
				: "BYTES";
	}

	/**
	 * The elements of a tensor of shape {@code [n, width]} (or {@code [n]}, where
	 * {@code vector}) in row-major order; null, with a violation, when the shape is
	 * another or disagrees with the data.
	 */
	private static @Nullable List<Object> elements(RequestInput input, int width, boolean vector,
			List<SchemaViolation> violations) {
		List<Long> shape = input.shape();
		boolean ranked = (vector && shape.size() == 1)
				|| (shape.size() == 2 && Long.valueOf(width).equals(shape.get(1)));
		List<Object> elements = ranked ? TensorData.flatten(input.data(), shape) : null;
		if (elements == null) {
			violations.add(new SchemaViolation(null, input.name(), "shape-mismatch",
					(vector ? "[n] or " : "") + "[n, " + width + "], with data of as many elements, flat or nested",
					"shape " + shape + " with " + TensorData.describe(input.data())));
		}
		return elements;
	}

	/**
	 * The values of {@code features.size()} columns, each element as the model reads it;
	 * an element that is not one of its datatype is a violation (and null here).
	 */
	private static Map<String, @Nullable Object[]> values(Datatype datatype, List<Object> elements,
			List<FeatureSpec> features, List<SchemaViolation> violations) {
		int width = features.size();
		int size = elements.size() / width;
		Map<String, @Nullable Object[]> columns = new LinkedHashMap<>();
		for (int j = 0; j < width; j++) {
			FeatureSpec feature = features.get(j);
			@Nullable Object[] column = new Object[size];
			for (int i = 0; i < size; i++) {
				column[i] = value(datatype, elements.get(i * width + j), i, feature.name(), violations);
			}
			columns.put(feature.name(), column);
		}
		return columns;
	}

	private static @Nullable Object value(Datatype datatype, @Nullable Object element, int instance, String feature,
			List<SchemaViolation> violations) {
		if (element == null) {
			// Missing: the schema check imputes it or refuses it.
			return null;
		}
		if (datatype == Datatype.BYTES) {
			if (element instanceof String text) {
				return text;
			}
			violations
				.add(new SchemaViolation(instance, feature, "wrong-type", "a JSON string (BYTES)", describe(element)));
			return null;
		}
		Double value = datatype.value(element);
		if (value == null) {
			violations.add(new SchemaViolation(instance, feature, datatype.problem(element), datatype.expected(),
					describe(element)));
		}
		return value;
	}

	/** An element as a violation shows it: its JSON type and text. */
	static String describe(Object element) {
		String type = (element instanceof String) ? "string"
				: (element instanceof Number) ? "number" : (element instanceof Boolean) ? "boolean" : "array";
		String text = (element instanceof String s) ? '"' + s + '"' : String.valueOf(element);
		return type + " " + ((text.length() > MAX_ACTUAL_LENGTH) ? text.substring(0, MAX_ACTUAL_LENGTH) + "..." : text);
	}

	/**
	 * Instances read from a request's tensors.
	 *
	 * @param instances one map of feature to value per row; with violations, of the
	 * {@code features} read only, and an element that broke its datatype as {@code null}
	 * @param features the features whose tensors were read, in the schema's order or the
	 * request's
	 * @param violations every violation of the tensors' form
	 */
	public record Read(List<Map<String, Object>> instances, Set<String> features, List<SchemaViolation> violations) {

		/**
		 * The violations of values that a schema check found in these instances and that
		 * no violation of the form already covers: for the features read only, and not
		 * for an element whose datatype was already refused.
		 */
		public List<SchemaViolation> valueViolations(List<SchemaViolation> checked) {
			Set<String> covered = new HashSet<>();
			for (SchemaViolation violation : this.violations) {
				covered.add(violation.feature() + "@" + violation.instance());
			}
			List<SchemaViolation> values = new ArrayList<>();
			for (SchemaViolation violation : checked) {
				boolean read = violation.feature() != null && this.features.contains(violation.feature());
				boolean coveredAlready = covered.contains(violation.feature() + "@" + violation.instance())
						|| covered.contains(violation.feature() + "@null");
				if (read && !coveredAlready && !"missing".equals(violation.problem())) {
					values.add(violation);
				}
			}
			return values;
		}

	}

	/** The columns read, each of {@code size} values; a size below 0 when unknown. */
	private record Batch(int size, Map<String, @Nullable Object[]> columns) {
	}

}
