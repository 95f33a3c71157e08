package dev.reproserve.serving;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reproserve.bundle.ModelOutput;

/**
 * Predictions with the identity of what produced them.
 *
 * @param id the request's id, echoed
 * @param model the model name
 * @param version the version that answered
 * @param alias the alias the request named, null for an exact version
 * @param bundleSha256 the SHA-256 of the bundle that answered
 * @param outputs one output per instance, in request order
 */
public record Prediction(String id, String model, int version, @Nullable String alias, String bundleSha256,
		List<ModelOutput> outputs) {
}
