package dev.reproserve.oip.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.bundle.OutputSpec;
import dev.reproserve.oip.InferenceRequest.RequestOutput;
import dev.reproserve.oip.InferenceResponse.ResponseOutput;
import dev.reproserve.oip.ModelMetadata.TensorMetadata;
import dev.reproserve.serving.SchemaViolation;

/**
 * A model's outputs as tensors. A classifier answers {@code label}, the predicted class
 * as {@code BYTES [n]}, and {@code scores}, every class's score as
 * {@code FP64 [n, classes]} with the class of each column in its {@code labels}
 * parameter; a regression model answers {@code value}, {@code FP64 [n]}. The numbers are
 * the model's own doubles, written as /api/v1 writes them.
 */
public final class OutputTensors {

	public static final String LABEL = "label";

	public static final String SCORES = "scores";

	public static final String VALUE = "value";

	private static final long BATCH = -1;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private OutputTensors() {
	}

	/** The model's outputs, every dimension but the batch's known. */
	public static List<TensorMetadata> metadata(OutputSpec output) {
		if (output.kind() == OutputSpec.Kind.REGRESSION) {
			return List.of(new TensorMetadata(VALUE, Datatype.FP64.name(), List.of(BATCH), null));
		}
		return List.of(new TensorMetadata(LABEL, Datatype.BYTES.name(), List.of(BATCH), null), new TensorMetadata(
				SCORES, Datatype.FP64.name(), List.of(BATCH, (long) output.labels().size()), labels(output)));
	}

	/**
	 * The names of the outputs asked for, in the order asked, or all of them; a violation
	 * for a name the model has not, or one asked twice.
	 */
	public static List<String> requested(OutputSpec output, @Nullable List<RequestOutput> asked,
			List<SchemaViolation> violations) {
		List<String> names = metadata(output).stream().map(TensorMetadata::name).toList();
		if (asked == null || asked.isEmpty()) {
			return names;
		}
		List<String> requested = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (RequestOutput one : asked) {
			String name = (one != null) ? one.name() : null;
			if (name == null || !names.contains(name)) {
				violations.add(new SchemaViolation(null, name, "unknown-output",
						"an output of the model: one of " + names, (name != null) ? null : "an output without a name"));
			}
			else if (!seen.add(name)) {
				violations.add(new SchemaViolation(null, name, "duplicate", "each output asked for once", null));
			}
			else {
				requested.add(name);
			}
		}
		return requested;
	}

	/** The named outputs of a prediction, one row per instance. */
	public static List<ResponseOutput> encode(OutputSpec output, List<ModelOutput> predicted, List<String> names) {
		long size = predicted.size();
		List<ResponseOutput> tensors = new ArrayList<>();
		for (String name : names) {
			tensors.add(switch (name) {
				case LABEL -> new ResponseOutput(LABEL, List.of(size), Datatype.BYTES.name(), null,
						predicted.stream().map(ModelOutput::label).toList());
				case SCORES -> new ResponseOutput(SCORES, List.of(size, (long) output.labels().size()),
						Datatype.FP64.name(), labels(output), scores(output.labels(), predicted));
				default -> new ResponseOutput(VALUE, List.of(size), Datatype.FP64.name(), null,
						predicted.stream().map(ModelOutput::value).toList());
			});
		}
		return tensors;
	}

	private static List<Double> scores(List<String> labels, List<ModelOutput> predicted) {
		List<Double> scores = new ArrayList<>(predicted.size() * labels.size());
		for (ModelOutput one : predicted) {
			labels.forEach((label) -> scores.add(one.scores().get(label)));
		}
		return scores;
	}

	/**
	 * The class of each score column, as a JSON array in a string: the protocol's
	 * parameters are strings, numbers or booleans.
	 */
	private static Map<String, Object> labels(OutputSpec output) {
		return Map.of("labels", JSON.writeValueAsString(output.labels()));
	}

}
