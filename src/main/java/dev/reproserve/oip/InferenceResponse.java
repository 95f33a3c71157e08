package dev.reproserve.oip;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An inference response of the Open Inference Protocol ({@code $inference_response}).
 *
 * @param modelName the model
 * @param modelVersion the version that answered
 * @param id the request's id, left out when it had none
 * @param parameters the provenance every Reproserve answer carries: {@code bundle_sha256}
 * and, for a path without a version, the {@code alias} that chose the version
 * @param outputs the output tensors, in the order asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceResponse(@JsonProperty("model_name") String modelName,
		@JsonProperty("model_version") String modelVersion, @Nullable String id, Map<String, Object> parameters,
		List<ResponseOutput> outputs) {

	/**
	 * One output tensor ({@code $response_output}), its data flat in row-major order.
	 *
	 * @param parameters for {@code scores}, {@code labels}: the class of each column
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ResponseOutput(String name, List<Long> shape, String datatype,
			@Nullable Map<String, Object> parameters, List<?> data) {
	}

}
