package dev.reproserve.embedded;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded default's choices without a server: it starts nothing when a datasource is
 * configured or it is turned off, root's data lives outside root's home, and as root with
 * no account to switch to it stops at once saying why and what to do. A real embedded
 * server is {@link EmbeddedPostgresServerTests}, and the built jar as root and as a
 * normal user is scripts/embedded-check.sh in .ci/run.
 */
class EmbeddedPostgresDefaultTests {

	private final EmbeddedPostgresDefault embedded = new EmbeddedPostgresDefault(new DeferredLogs());

	@Test
	void startsNothingWhenADatasourceIsConfigured() {
		StandardEnvironment environment = environment(
				Map.of(EmbeddedPostgresDefault.URL, "jdbc:postgresql://db:5432/reproserve"));

		this.embedded.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().contains("embeddedPostgres")).isFalse();
		assertThat(environment.getProperty(EmbeddedPostgresDefault.URL))
			.isEqualTo("jdbc:postgresql://db:5432/reproserve");
	}

	@Test
	void startsNothingWhenTurnedOff() {
		StandardEnvironment environment = environment(Map.of(EmbeddedPostgresDefault.ENABLED, "false"));

		this.embedded.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().contains("embeddedPostgres")).isFalse();
	}

	@Test
	void asRootItKeepsItsDataOutsideRootsHome() {
		assertThat(EmbeddedPostgresDefault.defaultDataDir(true, "/root")).isEqualTo("/var/lib/reproserve/postgres");
		assertThat(EmbeddedPostgresDefault.defaultDataDir(false, "/home/alice"))
			.isEqualTo("/home/alice/.reproserve/postgres");
	}

	@Test
	void asRootWithNoAccountToSwitchToItStopsAtOnceAndSaysWhyAndWhatToDo() {
		assertThatThrownBy(() -> ServerAccount.unprivileged("no-such-account-here"))
			.isInstanceOf(EmbeddedPostgresAsRootException.class)
			.hasMessageContaining("'no-such-account-here'");

		FailureAnalysis analysis = new EmbeddedPostgresFailureAnalyzer()
			.analyze(new IllegalStateException(new EmbeddedPostgresAsRootException("nobody", "setpriv: not found")));

		assertThat(analysis.getDescription()).contains("No datasource is configured", "refuses to run as root",
				"'nobody'", "setpriv: not found");
		assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_URL", "REPROSERVE_EMBEDDED_POSTGRES_RUN_AS",
				"normal user", "~/.reproserve/postgres");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
