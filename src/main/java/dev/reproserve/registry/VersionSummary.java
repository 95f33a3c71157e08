package dev.reproserve.registry;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One registered version as listed in the version history, with its latest status, its
 * latest reproduction verdict (null until someone asks for one), and from its manifest
 * what a history is compared by: the trainer, the data snapshot and the metrics.
 *
 * @param trainer the trainer's name, as in a pipeline spec; null for a bundle whose
 * manifest names none
 * @param datasetId the data snapshot's SHA-256; null where the manifest names none
 * @param metrics the metrics measured on the test split, by name
 */
public record VersionSummary(String model, int version, String bundleSha256, long sizeBytes, String modelFingerprint,
		Instant createdAt, String createdBy, VersionStatus status, Reproduction.@Nullable Latest reproduction,
		@Nullable String trainer, @Nullable String datasetId, Map<String, Double> metrics) {
}
