package dev.reproserve.registry;

import java.util.List;

import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.DependencyList;

/**
 * How the software this service runs differs from what a version was trained with. An
 * error (another Tribuo version) refuses the version; a warning (another Java major
 * version or CPU architecture) lets it serve only because its golden examples reproduce
 * exactly, which every load checks.
 *
 * @param runtime what this service runs
 * @param errors differences that refuse the version
 * @param warnings differences the version serves despite
 * @param notes other differences (Reproserve itself, the image, the rest of the SBOM),
 * which cannot change a prediction
 */
public record DeploymentDrift(DependencyList runtime, List<String> errors, List<String> warnings, List<String> notes) {

	static DeploymentDrift of(BundleManifest manifest) {
		DependencyList runtime = DependencyList.current();
		DependencyList.Drift drift = manifest.dependencies().driftTo(runtime);
		return new DeploymentDrift(runtime, drift.errors(), drift.warnings(), drift.notes());
	}

}
