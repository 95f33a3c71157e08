package dev.reproserve.bundle;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What a model answered for one instance: a label with every class score (classification)
 * or a value (regression). Compared with {@code equals} when golden examples are
 * replayed, so doubles must match to the bit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelOutput(String label, Double value, Map<String, Double> scores) {

	public static ModelOutput classification(@Nullable String label, Map<String, Double> scores) {
		return new ModelOutput(label, null, scores);
	}

	public static ModelOutput regression(double value) {
		return new ModelOutput(null, value, null);
	}

}
