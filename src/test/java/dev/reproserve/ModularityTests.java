package dev.reproserve;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The capability packages depend on each other one way only (no cycles) and touch only
 * each other's top-level API: {@code internal} and {@code web} sub-packages stay private.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(ReproserveApplication.class);

	@Test
	void capabilitiesRespectTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void dependenciesPointFromServingTowardsTheBundleFormat() {
		assertThat(this.modules.getModuleByName("bundle")).hasValueSatisfying((bundle) -> assertThat(
				bundle.getDirectDependencies(this.modules).stream().map((d) -> d.getTargetModule().getName()))
			.containsOnly("web"));
		assertThat(this.modules.getModuleByName("registry")).hasValueSatisfying((registry) -> assertThat(
				registry.getDirectDependencies(this.modules).stream().map((d) -> d.getTargetModule().getName()))
			.doesNotContain("serving", "training", "examples"));
		assertThat(this.modules.getModuleByName("web"))
			.hasValueSatisfying((web) -> assertThat(web.getDirectDependencies(this.modules).stream()).isEmpty());
		// Snapshots are data, not models: they know the bundle's feature types and
		// nothing else.
		assertThat(this.modules.getModuleByName("datasets")).hasValueSatisfying((datasets) -> assertThat(
				datasets.getDirectDependencies(this.modules).stream().map((d) -> d.getTargetModule().getName()))
			.containsOnly("web", "bundle"));
	}

	@Test
	void reproductionsSitOnTopAndTheRegistryOnlyStoresThem() {
		this.modules.forEach((module) -> assertThat(
				module.getDirectDependencies(this.modules).stream().map((d) -> d.getTargetModule().getName()))
			.as("dependencies of %s", module.getName())
			.doesNotContain("reproduce"));
		assertThat(this.modules.getModuleByName("reproduce")).hasValueSatisfying((reproduce) -> assertThat(
				reproduce.getDirectDependencies(this.modules).stream().map((d) -> d.getTargetModule().getName()))
			.contains("registry", "datasets", "training"));
		assertThat(this.modules.getModuleByName("registry")).hasValueSatisfying((registry) -> assertThat(
				registry.getDirectDependencies(this.modules).stream().map((d) -> d.getTargetModule().getName()))
			.doesNotContain("datasets"));
	}

}
