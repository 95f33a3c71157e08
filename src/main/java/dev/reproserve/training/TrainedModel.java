package dev.reproserve.training;

import java.util.List;
import java.util.Map;

import dev.reproserve.bundle.BundleManifest;

/**
 * The result of a training: a bundle file ready to register, its manifest, and the
 * held-out test rows as the model reads them (what a reproduction compares outputs on).
 */
public record TrainedModel(byte[] bundle, BundleManifest manifest, List<Map<String, Object>> testInputs) {
}
