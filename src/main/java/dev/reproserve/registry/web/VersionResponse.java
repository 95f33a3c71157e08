package dev.reproserve.registry.web;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.registry.DeploymentDrift;
import dev.reproserve.registry.Reproduction;
import dev.reproserve.registry.VersionDetails;
import dev.reproserve.registry.VersionStatus;
import dev.reproserve.registry.VersionSummary;

/**
 * One version in full: identity, status and history, latest reproduction verdict (null
 * until one is asked for), aliases, deployment drift against this service, and the whole
 * manifest.
 */
record VersionResponse(String model, int version, String bundleSha256, long sizeBytes, String modelFingerprint,
		Instant createdAt, String createdBy, VersionStatus status, Reproduction.Latest reproduction,
		List<String> aliases, List<VersionStatus> statusHistory, DeploymentDrift deploymentDrift, JsonNode manifest) {

	static VersionResponse from(VersionDetails details) {
		VersionSummary s = details.summary();
		return new VersionResponse(s.model(), s.version(), s.bundleSha256(), s.sizeBytes(), s.modelFingerprint(),
				s.createdAt(), s.createdBy(), s.status(), s.reproduction(), details.aliases(), details.statusHistory(),
				details.deploymentDrift(), ManifestJson.toTree(details.manifest()));
	}

}
