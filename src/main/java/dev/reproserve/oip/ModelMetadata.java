package dev.reproserve.oip;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A model's metadata in the Open Inference Protocol ({@code $metadata_model_response}).
 *
 * @param name the model
 * @param versions every version that may be named in a path
 * @param platform {@code tribuo_protobuf}: a Tribuo model in its protobuf format
 * @param inputs one tensor per feature, in the schema's order
 * @param outputs what the model answers
 * @param parameters which version these inputs and outputs are of: {@code version},
 * {@code bundle_sha256} and, for a path without a version, {@code alias}
 */
public record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
		List<TensorMetadata> outputs, Map<String, Object> parameters) {

	/**
	 * One tensor ({@code $metadata_tensor}); {@code -1} stands for the batch dimension.
	 *
	 * @param parameters what the datatype and shape do not say, where there is something:
	 * a categorical input's {@code categories}, {@code missing_allowed}, the
	 * {@code labels} of the score columns
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record TensorMetadata(String name, String datatype, List<Long> shape,
			@Nullable Map<String, Object> parameters) {
	}

}
