package dev.reproserve.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the tests' PostgreSQL comes from, decided once per JVM:
 * <ol>
 * <li>{@code REPROSERVE_TEST_JDBC_URL} (with {@code REPROSERVE_TEST_JDBC_USER} and
 * {@code REPROSERVE_TEST_JDBC_PASSWORD}) if set;</li>
 * <li>else a Testcontainers {@code postgres} container when Docker is available;</li>
 * <li>else the server on {@code localhost:5432} as user {@code postgres}.</li>
 * </ol>
 * On that server each run creates throwaway databases and drops them when the JVM exits.
 */
public final class TestDatabase {

	/** Pinned so that every machine tests against the same server version. */
	static final String POSTGRES_IMAGE = "postgres:17.6";

	private static Server server;

	private static TestDatabase shared;

	private final String jdbcUrl;

	private final String name;

	private TestDatabase(String jdbcUrl, String name) {
		this.jdbcUrl = jdbcUrl;
		this.name = name;
	}

	/** The database all Spring test contexts of this run share. */
	public static synchronized TestDatabase shared() {
		if (shared == null) {
			shared = create();
		}
		return shared;
	}

	/** A new, empty throwaway database, for tests that need a registry of their own. */
	public static synchronized TestDatabase create() {
		Server server = server();
		String name = "reproserve_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
		server.execute("CREATE DATABASE " + name);
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
		return new TestDatabase(server.urlFor(name), name);
	}

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	public String username() {
		return server().username;
	}

	public String password() {
		return server().password;
	}

	public String name() {
		return this.name;
	}

	private static synchronized Server server() {
		if (server == null) {
			server = Server.find();
		}
		return server;
	}

	private record Server(String adminUrl, String username, String password, String source) {

		static Server find() {
			String url = System.getenv("REPROSERVE_TEST_JDBC_URL");
			if (url != null && !url.isBlank()) {
				return new Server(url, env("REPROSERVE_TEST_JDBC_USER", "postgres"),
						env("REPROSERVE_TEST_JDBC_PASSWORD", ""), "REPROSERVE_TEST_JDBC_URL");
			}
			if (dockerAvailable()) {
				PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
				container.start();
				return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
						"Testcontainers " + POSTGRES_IMAGE);
			}
			return new Server("jdbc:postgresql://localhost:5432/postgres", "postgres", "", "localhost:5432");
		}

		private static boolean dockerAvailable() {
			try {
				return DockerClientFactory.instance().isDockerAvailable();
			}
			catch (RuntimeException | LinkageError ex) {
				return false;
			}
		}

		private static String env(String name, String fallback) {
			String value = System.getenv(name);
			return (value != null) ? value : fallback;
		}

		/**
		 * The server's JDBC URL with another database name, keeping host, port and
		 * parameters.
		 */
		String urlFor(String database) {
			int start = this.adminUrl.indexOf('/', "jdbc:postgresql://".length());
			int end = this.adminUrl.indexOf('?', start);
			return this.adminUrl.substring(0, start + 1) + database + ((end < 0) ? "" : this.adminUrl.substring(end));
		}

		void execute(String sql) {
			try (Connection connection = DriverManager.getConnection(this.adminUrl, this.username, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Test database setup failed on " + this.source + ": " + sql, ex);
			}
		}

	}

}
