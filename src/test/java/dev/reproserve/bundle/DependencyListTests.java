package dev.reproserve.bundle;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyListTests {

	private final DependencyList running = new DependencyList("4.3.2", "17.0.15+6", "Debian", "0.1.0", "Linux", "amd64",
			null);

	@Test
	void currentIsReadFromTheRunningJvmAndClasspath() {
		DependencyList current = DependencyList.current();

		assertThat(current.tribuo()).isEqualTo(org.tribuo.Tribuo.VERSION);
		assertThat(current.java()).isEqualTo(Runtime.version().toString());
		assertThat(current.osArch()).isEqualTo(System.getProperty("os.arch"));
	}

	@Test
	void sameListHasNoDrift() {
		assertThat(this.running.driftTo(this.running).errors()).isEmpty();
		assertThat(this.running.driftTo(this.running).warnings()).isEmpty();
	}

	@Test
	void anotherTribuoVersionIsRefused() {
		DependencyList recorded = new DependencyList("4.3.1", "17.0.15+6", "Debian", "0.1.0", "Linux", "amd64", null);

		assertThat(recorded.driftTo(this.running).refused()).isTrue();
	}

	@Test
	void anotherJavaMajorOrArchitectureIsOnlyAWarning() {
		DependencyList recorded = new DependencyList("4.3.2", "25.0.1+8", "Eclipse Adoptium", "0.1.0", "Linux",
				"aarch64", null);

		DependencyList.Drift drift = recorded.driftTo(this.running);

		assertThat(drift.refused()).isFalse();
		assertThat(drift.warnings()).hasSize(2);
	}

	@Test
	void anotherJavaPatchReleaseIsNoDrift() {
		DependencyList recorded = new DependencyList("4.3.2", "17.0.9+9", "Eclipse Adoptium", "0.1.0", "Linux", "amd64",
				null);

		assertThat(recorded.driftTo(this.running).warnings()).isEmpty();
	}

	@Test
	void currentNamesTheCommitOfTheBuildInAGitCheckout() {
		// A build outside a checkout (a source archive, the image's build stage) has
		// none.
		if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(".git"))) {
			assertThat(DependencyList.current().reproserveCommit()).matches("[0-9a-f]{40}(-dirty)?");
		}
	}

	@Test
	void currentListsThePredictionComponentsOfTheSbomAndItsDigest() {
		DependencyList current = DependencyList.current();

		assertThat(current.components()).containsEntry("org.tribuo:tribuo-core", org.tribuo.Tribuo.VERSION)
			.containsKeys("com.google.protobuf:protobuf-java", "com.oracle.labs.olcut:olcut-core")
			.containsKey("ml.dmlc:xgboost4j_2.12");
		assertThat(current.components().keySet())
			.allMatch((component) -> component.startsWith("org.tribuo") || component.startsWith("com.oracle.labs.olcut")
					|| component.startsWith("ml.dmlc") || component.startsWith("com.google.protobuf"));
		assertThat(current.sbomSha256()).matches("[0-9a-f]{64}");
	}

	@Test
	void anotherVersionOfAPredictionComponentIsRefused() {
		DependencyList recorded = withComponents(Map.of("com.google.protobuf:protobuf-java", "3.21.0"), "0.1.0");
		DependencyList running = withComponents(Map.of("com.google.protobuf:protobuf-java", "3.25.6"), "0.1.0");

		DependencyList.Drift drift = recorded.driftTo(running);

		assertThat(drift.refused()).isTrue();
		assertThat(drift.errors()).singleElement()
			.asString()
			.contains("com.google.protobuf:protobuf-java 3.21.0", "3.25.6");
	}

	@Test
	void anotherReproserveOrSbomIsANoteThatChangesNothing() {
		DependencyList recorded = withComponents(Map.of("org.tribuo:tribuo-core", "4.3.2"), "0.1.0");
		DependencyList running = withComponents(Map.of("org.tribuo:tribuo-core", "4.3.2"), "0.2.0");

		DependencyList.Drift drift = recorded.driftTo(running);

		assertThat(drift.refused()).isFalse();
		assertThat(drift.warnings()).isEmpty();
		assertThat(drift.notes()).singleElement().asString().contains("Reproserve 0.1.0", "0.2.0");
	}

	private static DependencyList withComponents(Map<String, String> components, String reproserve) {
		return new DependencyList("4.3.2", "17.0.15+6", "Debian", reproserve, "Linux", "amd64", null, components, null,
				null, null);
	}

}
