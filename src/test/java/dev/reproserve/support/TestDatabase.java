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
		String name = randomName("reproserve_test_");
		createThrowaway(name);
		return new TestDatabase(urlOnServer(name), name);
	}

	/** The prefix and a random suffix: a database name no other run uses. */
	static String randomName(String prefix) {
		return prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
	}

	/** The JDBC URL of a database of that name on the tests' server. */
	static String urlOnServer(String name) {
		return server().urlFor(name);
	}

	/** Creates an empty database of that name, dropped when the JVM exits. */
	static synchronized void createThrowaway(String name) {
		Server server = server();
		server.execute("CREATE DATABASE " + name);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAfterItsUsersLeave(server, name)));
	}

	/**
	 * Drops a throwaway database once the run's application contexts, which close in
	 * shutdown hooks of their own at the same time, have let go of it; forced only if
	 * they have not after {@link #DROP_PATIENCE}. Forced at once, it pulled the database
	 * from under contexts still stopping, whose last writes then waited 30 s for a
	 * connection and kept the JVM from exiting.
	 */
	private static void dropAfterItsUsersLeave(Server server, String name) {
		try {
			org.awaitility.Awaitility.await()
				.atMost(DROP_PATIENCE)
				.pollInterval(java.time.Duration.ofMillis(100))
				.until(() -> server.tryExecute("DROP DATABASE IF EXISTS " + name));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
	}

	private static final java.time.Duration DROP_PATIENCE = java.time.Duration.ofSeconds(20);

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	public String username() {
		return serverUser();
	}

	public String password() {
		return serverPassword();
	}

	static String serverUser() {
		return server().username;
	}

	static String serverPassword() {
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

	/**
	 * A JDBC URL of the form {@code jdbc:<driver>://host[:port]/[database][?params]} with
	 * another database name, keeping host, port and parameters.
	 */
	static String urlFor(String url, String database) {
		int hosts = url.indexOf("//") + 2;
		int slash = url.indexOf('/', hosts);
		int query = url.indexOf('?', hosts);
		if (slash < 0 || (query >= 0 && query < slash)) {
			// No database in the URL: jdbc:mariadb://host:3306 or ...:3306?params
			int end = (query < 0) ? url.length() : query;
			return url.substring(0, end) + "/" + database + url.substring(end);
		}
		int end = (query < 0) ? url.length() : query;
		return url.substring(0, slash + 1) + database + url.substring(end);
	}

	/** An environment variable, or the fallback where it is not set. */
	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	/** Whether Testcontainers finds a Docker engine. */
	static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private record Server(String adminUrl, String username, String password, String source) {

		static Server find() {
			String url = System.getenv("REPROSERVE_TEST_JDBC_URL");
			if (url != null && !url.isBlank()) {
				return new Server(url, env("REPROSERVE_TEST_JDBC_USER", "postgres"),
						env("REPROSERVE_TEST_JDBC_PASSWORD", ""), "REPROSERVE_TEST_JDBC_URL");
			}
			if (TestDatabase.dockerAvailable()) {
				PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
				container.start();
				return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
						"Testcontainers " + POSTGRES_IMAGE);
			}
			return new Server("jdbc:postgresql://localhost:5432/postgres", "postgres", "", "localhost:5432");
		}

		/**
		 * The server's JDBC URL with another database name, keeping host, port and
		 * parameters.
		 */
		String urlFor(String database) {
			return TestDatabase.urlFor(this.adminUrl, database);
		}

		/** Whether the statement ran; false when the server refused it. */
		boolean tryExecute(String sql) {
			try (Connection connection = DriverManager.getConnection(this.adminUrl, this.username, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
				return true;
			}
			catch (SQLException ex) {
				return false;
			}
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
