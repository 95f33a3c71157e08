package dev.reproserve.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When no {@code spring.datasource.url} is configured (as in compose, Kubernetes, tests
 * and CI it always is), starts an embedded PostgreSQL with its data in
 * {@code reproserve.embedded-postgres.data-dir} (default {@code ~/.reproserve/postgres},
 * kept across restarts) and points the datasource at it, so {@code ./mvnw
 * spring-boot:run} works on a machine with Java and nothing else. PostgreSQL refuses to
 * run as root, so as root the service stops at once and says why and what to do
 * ({@link EmbeddedPostgresFailureAnalyzer}).
 * {@code reproserve.embedded-postgres.enabled=false} turns this off.
 */
public class EmbeddedPostgresDefault implements EnvironmentPostProcessor, Ordered {

	static final String URL = "spring.datasource.url";

	static final String ENABLED = "reproserve.embedded-postgres.enabled";

	static final String DATA_DIR = "reproserve.embedded-postgres.data-dir";

	private static volatile EmbeddedPostgres running;

	private final Log log;

	public EmbeddedPostgresDefault(DeferredLogFactory logs) {
		this.log = logs.getLog(EmbeddedPostgresDefault.class);
	}

	@Override
	public int getOrder() {
		// After application.properties and the environment are read.
		return ConfigDataEnvironmentPostProcessor.ORDER + 10;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty(URL);
		if ((url != null && !url.isBlank()) || !environment.getProperty(ENABLED, Boolean.class, true)) {
			return;
		}
		refuseRoot(System.getProperty("user.name"));
		Path dataDir = Path.of(environment.getProperty(DATA_DIR,
				Path.of(System.getProperty("user.home"), ".reproserve", "postgres").toString()));
		EmbeddedPostgres postgres = start(dataDir);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedPostgres", Map.of(URL, postgres.getJdbcUrl("postgres", "postgres"),
					"spring.datasource.username", "postgres", "spring.datasource.password", "")));
		this.log.info("No datasource configured (SPRING_DATASOURCE_URL): started an embedded PostgreSQL on port "
				+ postgres.getPort() + " with its data in " + dataDir.toAbsolutePath()
				+ " (kept across restarts; set SPRING_DATASOURCE_URL to use your own server)");
	}

	/** PostgreSQL will not start as root; say so before trying. */
	static void refuseRoot(String user) {
		if ("root".equals(user)) {
			throw new EmbeddedPostgresAsRootException();
		}
	}

	private static synchronized EmbeddedPostgres start(Path dataDir) {
		if (running != null) {
			return running;
		}
		try {
			Files.createDirectories(dataDir);
			running = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(true)
				.start();
			return running;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir + ": "
					+ ex.getMessage() + "; set SPRING_DATASOURCE_URL to use a PostgreSQL server instead", ex);
		}
	}

}
