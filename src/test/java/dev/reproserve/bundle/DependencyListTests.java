package dev.reproserve.bundle;

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

}
