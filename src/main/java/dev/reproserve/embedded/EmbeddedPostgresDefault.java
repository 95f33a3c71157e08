package dev.reproserve.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When no {@code spring.datasource.url} is configured (as in compose, Kubernetes, tests
 * and CI it always is), starts an embedded PostgreSQL with its data in
 * {@code reproserve.embedded-postgres.data-dir} (default {@code ~/.reproserve/postgres},
 * kept across restarts, and {@code /var/lib/reproserve/postgres} for root) and points the
 * datasource at it, so {@code ./mvnw spring-boot:run} works on a machine with Java and
 * nothing else. The server runs with PostgreSQL's durable defaults ({@code fsync},
 * {@code synchronous_commit}, {@code full_page_writes} on) and stops last: it is a bean
 * every {@link DataSource} depends on, so Spring stops it after everything that writes; a
 * handler that runs after every context has closed stops it if the context never got that
 * far. As root, PostgreSQL runs as the unprivileged account
 * {@code reproserve.embedded-postgres.run-as} (default {@code nobody}); only where no
 * switch to it works does the service stop at once, saying why and what to do
 * ({@link EmbeddedPostgresFailureAnalyzer}).
 * {@code reproserve.embedded-postgres.enabled=false} turns this off.
 */
public class EmbeddedPostgresDefault implements EnvironmentPostProcessor, Ordered {

	static final String URL = "spring.datasource.url";

	static final String ENABLED = "reproserve.embedded-postgres.enabled";

	static final String DATA_DIR = "reproserve.embedded-postgres.data-dir";

	static final String RUN_AS = "reproserve.embedded-postgres.run-as";

	static final String ROOT_DATA_DIR = "/var/lib/reproserve/postgres";

	static final String BEAN = "embeddedPostgres";

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
		boolean root = "root".equals(System.getProperty("user.name"));
		ServerAccount account = root ? ServerAccount.unprivileged(environment.getProperty(RUN_AS, "nobody"))
				: ServerAccount.self();
		Path dataDir = Path.of(environment.getProperty(DATA_DIR, defaultDataDir(root, System.getProperty("user.home"))))
			.toAbsolutePath()
			.normalize();
		PostgresServer server = start(dataDir, account);
		SpringApplication.getShutdownHandlers().add(() -> stopQuietly(server));
		application.addInitializers((context) -> register(context, server));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedPostgres", Map.of(URL, server.jdbcUrl(),
					"spring.datasource.username", PostgresServer.SUPERUSER, "spring.datasource.password", "")));
		this.log.info("No datasource configured (SPRING_DATASOURCE_URL): started an embedded PostgreSQL on port "
				+ server.port() + " with its data in " + dataDir + (root ? " as the account '" + account + "'" : "")
				+ " (kept across restarts; set SPRING_DATASOURCE_URL to use your own server)");
	}

	/**
	 * Root's home is usually closed to other accounts, so root's data lives elsewhere.
	 */
	static String defaultDataDir(boolean root, String home) {
		return root ? ROOT_DATA_DIR : Path.of(home, ".reproserve", "postgres").toString();
	}

	private PostgresServer start(Path dataDir, ServerAccount account) {
		try {
			// First, so that a build without the binaries says so before it makes
			// folders.
			byte[] archive = PostgresBinaries.archive();
			createFolders(dataDir, account.switched());
			Path binaries = PostgresBinaries.unpack(archive, dataDir.resolveSibling("postgres-binaries"));
			return PostgresServer.start(binaries, dataDir, account, this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir + ": "
					+ ex.getMessage() + "; set SPRING_DATASOURCE_URL to use a PostgreSQL server instead", ex);
		}
	}

	/**
	 * Creates the data folder and the folders above it that are missing; for another
	 * account (the service is root), those above it open to all, whatever the umask.
	 */
	private static void createFolders(Path dataDir, boolean forAnotherAccount) throws IOException {
		Path missing = dataDir;
		while (missing.getParent() != null && !Files.exists(missing.getParent())) {
			missing = missing.getParent();
		}
		Files.createDirectories(dataDir);
		if (!forAnotherAccount) {
			return;
		}
		for (Path folder = dataDir.getParent(); folder != null
				&& folder.startsWith(missing); folder = folder.getParent()) {
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
	}

	/**
	 * The server as a bean that every DataSource depends on: Spring destroys it after the
	 * DataSources, and they after every bean that uses them (training jobs, the drift
	 * window flush), so the database is the last thing to stop.
	 */
	private static void register(ConfigurableApplicationContext context, PostgresServer server) {
		DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
		beans.registerSingleton(BEAN, server);
		beans.registerDisposableBean(BEAN, server::close);
		context.addBeanFactoryPostProcessor(new DataSourcesDependOnServer());
	}

	private static void stopQuietly(PostgresServer server) {
		try {
			server.close();
		}
		catch (IOException ex) {
			System.err.println("Could not stop the embedded PostgreSQL: " + ex.getMessage());
		}
	}

	static final class DataSourcesDependOnServer extends AbstractDependsOnBeanFactoryPostProcessor {

		DataSourcesDependOnServer() {
			super(DataSource.class, BEAN);
		}

	}

}
