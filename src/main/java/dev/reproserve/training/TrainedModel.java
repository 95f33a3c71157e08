package dev.reproserve.training;

import dev.reproserve.bundle.BundleManifest;

/**
 * The result of a training: a bundle file ready to register, and its manifest.
 */
public record TrainedModel(byte[] bundle, BundleManifest manifest) {
}
