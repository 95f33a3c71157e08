package dev.reproserve.registry;

/** Enough to find and verify a version's bundle: the identity serving caches by. */
public record VersionRef(String model, int version, long versionId, String bundleSha256) {
}
