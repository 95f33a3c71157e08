package dev.reproserve.oip;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An inference request of the Open Inference Protocol ({@code $inference_request}). Every
 * member is nullable as JSON allows; {@link OpenInference#infer} refuses what the
 * protocol requires and is missing.
 *
 * @param id the client's request id, echoed in the response
 * @param parameters request parameters; none is defined, all are ignored
 * @param inputs the input tensors: one per feature, or one 2-D tensor of all features
 * @param outputs the outputs to answer, all of them when absent
 */
public record InferenceRequest(@Nullable String id, @Nullable Map<String, Object> parameters,
		@Nullable List<RequestInput> inputs, @Nullable List<RequestOutput> outputs) {

	/**
	 * One input tensor ({@code $request_input}).
	 *
	 * @param name the feature it carries (or any name, for the one 2-D tensor)
	 * @param shape its shape, the batch dimension first
	 * @param datatype one of the protocol's tensor datatypes, such as {@code FP64}
	 * @param parameters ignored
	 * @param data the elements in row-major order, flat or nested as the shape
	 */
	public record RequestInput(@Nullable String name, @Nullable List<Long> shape, @Nullable String datatype,
			@Nullable Map<String, Object> parameters, @Nullable List<Object> data) {
	}

	/**
	 * An output the client asks for ({@code $request_output}).
	 *
	 * @param name {@code label}, {@code scores} or {@code value}
	 * @param parameters ignored
	 */
	public record RequestOutput(@Nullable String name, @Nullable Map<String, Object> parameters) {
	}

}
