package dev.reproserve.registry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One registered version as listed in the version history, with its latest status and its
 * latest reproduction verdict (null until someone asks for one).
 */
public record VersionSummary(String model, int version, String bundleSha256, long sizeBytes, String modelFingerprint,
		Instant createdAt, String createdBy, VersionStatus status, Reproduction.@Nullable Latest reproduction) {
}
