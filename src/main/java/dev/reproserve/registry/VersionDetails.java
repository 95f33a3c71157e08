package dev.reproserve.registry;

import java.util.List;

import dev.reproserve.bundle.BundleManifest;

/**
 * Everything recorded about a version: the summary, its manifest (lineage: data
 * fingerprint, trainer, hyperparameters, seeds, metrics, dependencies, provenance), its
 * status history (newest first) and the aliases that point at it.
 */
public record VersionDetails(VersionSummary summary, BundleManifest manifest, List<VersionStatus> statusHistory,
		List<String> aliases) {
}
