package dev.reproserve.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import dev.reproserve.ReproserveApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service started with no datasource, as the first command starts it: the embedded
 * PostgreSQL it starts is durable (asked through the service's own DataSource), runs as
 * the service's user or, as root (as in CI), as {@code nobody}, and stops last: a bean
 * that reaches the database when it is destroyed still can, and the server is down once
 * the service has stopped, or has failed to start.
 */
class EmbeddedPostgresServerTests {

	private static final AtomicReference<Integer> reachedAtShutdown = new AtomicReference<>();

	private Path folder;

	@BeforeEach
	void createFolder() throws Exception {
		// Open to all: as root, PostgreSQL's own account must reach the data folder.
		this.folder = Files.createTempDirectory("reproserve-embedded-");
		Files.setPosixFilePermissions(this.folder, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	@AfterEach
	void deleteFolder() throws Exception {
		FileSystemUtils.deleteRecursively(this.folder);
	}

	@Test
	void runsWithPostgresDurableDefaultsAndStopsAfterEverythingThatWrites() {
		Path dataDir = this.folder.resolve("postgres");
		try (ConfigurableApplicationContext context = startWithNoDatasource(dataDir)) {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));

			assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
			assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
			assertThat(jdbc.queryForObject("SHOW full_page_writes", String.class)).isEqualTo("on");
			assertThat(jdbc.queryForObject("SELECT current_setting('data_directory')", String.class))
				.isEqualTo(dataDir.toString());
			assertThat(dataDir.resolve("postmaster.pid")).exists();
			assertThat(dataDir).satisfies((dir) -> assertThat(Files.getOwner(dir).getName()).isEqualTo(
					"root".equals(System.getProperty("user.name")) ? "nobody" : System.getProperty("user.name")));
		}

		assertThat(reachedAtShutdown.get()).isEqualTo(1);
		assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
	}

	@Test
	void stopsTheServerWhenTheServiceFailsToStart() {
		Path dataDir = this.folder.resolve("postgres");

		assertThatThrownBy(() -> startWithNoDatasource(dataDir, "--reproserve.serving.max-batch-size=0"))
			.hasStackTraceContaining("maxBatchSize");

		assertThat(dataDir.resolve("PG_VERSION")).exists();
		assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
	}

	private static ConfigurableApplicationContext startWithNoDatasource(Path dataDir, String... more) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.datasource.url=", "--reproserve.embedded-postgres.enabled=true",
						"--reproserve.embedded-postgres.data-dir=" + dataDir, "--reproserve.examples.enabled=false"));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(ReproserveApplication.class)
			.initializers((ctx) -> ((GenericApplicationContext) ctx).registerBean(WritesAtShutdown.class))
			.run(args.toArray(String[]::new));
	}

	/**
	 * Stands for the training jobs and the drift window flush: it writes when destroyed.
	 */
	static class WritesAtShutdown implements DisposableBean {

		private final JdbcTemplate jdbc;

		WritesAtShutdown(DataSource dataSource) {
			this.jdbc = new JdbcTemplate(dataSource);
			reachedAtShutdown.set(null);
		}

		@Override
		public void destroy() {
			reachedAtShutdown.set(this.jdbc.queryForObject("SELECT 1", Integer.class));
		}

	}

}
