package dev.reproserve.registry;

import java.util.List;

import dev.reproserve.bundle.BundleManifest;

/**
 * Everything recorded about a version: the summary, its manifest (lineage: data
 * fingerprint, trainer, hyperparameters, seeds, metrics, dependencies, provenance), its
 * status history (newest first), the aliases that point at it, and how the running
 * service's software differs from the software it was trained with.
 */
public record VersionDetails(VersionSummary summary, BundleManifest manifest, List<VersionStatus> statusHistory,
		List<String> aliases, DeploymentDrift deploymentDrift) {
}
