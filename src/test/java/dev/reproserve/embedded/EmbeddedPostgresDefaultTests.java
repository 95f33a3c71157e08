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
 * The embedded default's two refusals: it starts nothing when a datasource is configured
 * or it is turned off, and as root it stops at once saying why and the two ways out. The
 * run as a normal user, with a real embedded PostgreSQL, is scripts/embedded-check.sh in
 * .ci/run (tests run as root in CI, where PostgreSQL will not start).
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
	void asRootItStopsAtOnceAndSaysWhyAndWhatToDo() {
		assertThatThrownBy(() -> EmbeddedPostgresDefault.refuseRoot("root"))
			.isInstanceOf(EmbeddedPostgresAsRootException.class);
		EmbeddedPostgresDefault.refuseRoot("alice");

		FailureAnalysis analysis = new EmbeddedPostgresFailureAnalyzer()
			.analyze(new IllegalStateException(new EmbeddedPostgresAsRootException()));

		assertThat(analysis.getDescription()).contains("No datasource is configured", "refuses to run as root");
		assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_URL", "normal user", "~/.reproserve/postgres");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
