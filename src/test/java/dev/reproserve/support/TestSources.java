package dev.reproserve.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mariadb.MariaDBContainer;

import dev.reproserve.datasets.CsvTable;

/**
 * The SQL sources of the tests, decided once per JVM: a throwaway PostgreSQL database on
 * the tests' server ({@link TestDatabase}) and a throwaway MariaDB database, both named
 * {@code reproserve_src_<random>} and dropped when the JVM exits. MariaDB comes from
 * <ol>
 * <li>{@code REPROSERVE_TEST_MARIADB_URL} (with {@code REPROSERVE_TEST_MARIADB_USER},
 * default {@code root}, and {@code REPROSERVE_TEST_MARIADB_PASSWORD}) if set;</li>
 * <li>else a Testcontainers {@code mariadb} container when Docker is available;</li>
 * <li>else the server on {@code 127.0.0.1:3306} as {@code root} without a password.</li>
 * </ol>
 * {@link #properties()} configures them as the service's sources; the tests write the
 * sources' tables through {@link #execute}, as an owner who may write, which the service
 * never does.
 */
public final class TestSources {

	/** The PostgreSQL source. */
	public static final String PG = "pg";

	/** The MariaDB source. */
	public static final String MARIA = "maria";

	/** Each engine again with small limits: 1 s, 3 rows, 300 bytes. */
	public static final String PG_TIGHT = "pgtight";

	public static final String MARIA_TIGHT = "mariatight";

	/** A source where nothing listens. */
	public static final String DOWN = "down";

	/**
	 * The PostgreSQL source's database reached through a {@link PortForwarder}, down
	 * until a test brings it {@link #flaky() up}.
	 */
	public static final String FLAKY = "flaky";

	/** Pinned so that every machine tests against the same server version. */
	static final String MARIADB_IMAGE = "mariadb:10.11";

	private static TestSources shared;

	private final Database postgres;

	private final MariaDbServer mariadbServer;

	private final Database mariadb;

	private final PortForwarder flaky;

	private boolean created;

	private TestSources(Database postgres, MariaDbServer mariadbServer, Database mariadb) {
		this.postgres = postgres;
		this.mariadbServer = mariadbServer;
		this.mariadb = mariadb;
		String hostAndPort = postgres.url.substring(postgres.url.indexOf("//") + 2,
				postgres.url.indexOf('/', postgres.url.indexOf("//") + 2));
		int colon = hostAndPort.lastIndexOf(':');
		this.flaky = (colon < 0) ? PortForwarder.to(hostAndPort, 5432)
				: PortForwarder.to(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
	}

	/** The port through which the service reaches the source {@link #FLAKY}. */
	public PortForwarder flaky() {
		create();
		return this.flaky;
	}

	/**
	 * Settings for another replica under which the given source names reach the
	 * PostgreSQL source's database directly: up, where this service finds them down.
	 */
	public String[] reachableArguments(String... names) {
		return java.util.Arrays.stream(names)
			.flatMap((name) -> java.util.stream.Stream.of("--reproserve.sources." + name + ".url=" + this.postgres.url,
					"--reproserve.sources." + name + ".username=" + this.postgres.user,
					"--reproserve.sources." + name + ".password=" + this.postgres.password))
			.toArray(String[]::new);
	}

	/**
	 * The run's sources, named but not yet created: the databases are made when a test
	 * first writes to them, so that a machine without MariaDB fails only the tests that
	 * use it.
	 */
	public static synchronized TestSources shared() {
		if (shared == null) {
			String pg = TestDatabase.randomName("reproserve_src_");
			MariaDbServer server = MariaDbServer.find();
			String maria = TestDatabase.randomName("reproserve_src_");
			shared = new TestSources(
					new Database(pg, TestDatabase.urlOnServer(pg), TestDatabase.serverUser(),
							TestDatabase.serverPassword()),
					server,
					new Database(maria, TestDatabase.urlFor(server.adminUrl, maria), server.user, server.password));
		}
		return shared;
	}

	private synchronized void create() {
		if (!this.created) {
			TestDatabase.createThrowaway(this.postgres.name);
			this.mariadbServer.createThrowaway(this.mariadb.name);
			this.created = true;
		}
	}

	/** The service's settings for the sources. */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		source(properties, PG, this.postgres);
		source(properties, MARIA, this.mariadb);
		source(properties, PG_TIGHT, this.postgres);
		source(properties, MARIA_TIGHT, this.mariadb);
		for (String tight : new String[] { PG_TIGHT, MARIA_TIGHT }) {
			properties.put("reproserve.sources." + tight + ".statement-timeout", "1s");
			properties.put("reproserve.sources." + tight + ".max-rows", "3");
			properties.put("reproserve.sources." + tight + ".max-size", "300B");
		}
		properties.put("reproserve.sources." + DOWN + ".url", "jdbc:postgresql://127.0.0.1:1/none");
		properties.put("reproserve.sources." + DOWN + ".username", "nobody");
		properties.put("reproserve.sources." + DOWN + ".connect-timeout", "1s");
		String forwarded = this.postgres.url.replaceFirst("//[^/]+/", "//127.0.0.1:" + this.flaky.port() + "/");
		source(properties, FLAKY,
				new Database(this.postgres.name, forwarded, this.postgres.user, this.postgres.password));
		properties.put("reproserve.sources." + FLAKY + ".connect-timeout", "1s");
		return properties;
	}

	private static void source(Map<String, String> properties, String name, Database database) {
		properties.put("reproserve.sources." + name + ".url", database.url);
		properties.put("reproserve.sources." + name + ".username", database.user);
		properties.put("reproserve.sources." + name + ".password", database.password);
	}

	/**
	 * Runs statements on a source's database in one session whose time zone is UTC, as
	 * its owner.
	 * @param source {@link #PG} or {@link #MARIA} (or their tight twins)
	 */
	public void execute(String source, String... statements) {
		create();
		Database database = source.startsWith(PG) ? this.postgres : this.mariadb;
		try (Connection connection = DriverManager.getConnection(database.url, database.user, database.password);
				Statement statement = connection.createStatement()) {
			statement.execute(source.startsWith(PG) ? "SET TIME ZONE 'UTC'" : "SET time_zone = '+00:00'");
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Source setup failed on " + source + ": " + ex.getMessage(), ex);
		}
	}

	/** One value from a source's database, as its owner. */
	public long count(String source, String sql) {
		create();
		Database database = source.startsWith(PG) ? this.postgres : this.mariadb;
		try (Connection connection = DriverManager.getConnection(database.url, database.user, database.password);
				Statement statement = connection.createStatement();
				var rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Source query failed on " + source + ": " + ex.getMessage(), ex);
		}
	}

	/** Penguins in a shuffled order, numbered by a first column {@code id}, as CSV. */
	public static byte[] penguinsWithIds(long seed) {
		CsvTable penguins = CsvTable.parse(TestData.shuffled(TestData.penguins(), seed));
		List<String> header = new ArrayList<>(List.of("id"));
		header.addAll(penguins.header());
		List<List<String>> rows = new ArrayList<>();
		for (List<String> row : penguins.rows()) {
			List<String> numbered = new ArrayList<>(List.of(String.valueOf(rows.size() + 1)));
			numbered.addAll(row);
			rows.add(numbered);
		}
		return TestData.csv(header, rows);
	}

	/**
	 * Loads {@link #penguinsWithIds} into a new table of a source, the same in either
	 * engine: one DDL, one INSERT, empty cells as NULL.
	 */
	public static void loadPenguins(String source, String table, byte[] csv) {
		StringBuilder insert = new StringBuilder("INSERT INTO " + table + " VALUES ");
		List<List<String>> rows = CsvTable.parse(csv).rows();
		for (int i = 0; i < rows.size(); i++) {
			List<String> row = rows.get(i);
			insert.append((i > 0) ? ", (" : "(");
			for (int column = 0; column < row.size(); column++) {
				String cell = row.get(column);
				boolean text = column == 1 || column == 2 || column == 7;
				insert.append((column > 0) ? ", " : "")
					.append(cell.isEmpty() ? "NULL" : text ? "'" + cell + "'" : cell);
			}
			insert.append(')');
		}
		shared().execute(source,
				"CREATE TABLE " + table + " (id integer PRIMARY KEY, species varchar(20),"
						+ " island varchar(20), bill_length_mm numeric(5,1), bill_depth_mm numeric(5,1),"
						+ " flipper_length_mm integer, body_mass_g integer, sex varchar(10))",
				insert.toString());
	}

	private record Database(String name, String url, String user, String password) {
	}

	/** Where MariaDB comes from, and the run's throwaway database on it. */
	private record MariaDbServer(String adminUrl, String user, String password, String origin) {

		void createThrowaway(String name) {
			execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + name)));
		}

		static MariaDbServer find() {
			String url = System.getenv("REPROSERVE_TEST_MARIADB_URL");
			if (url != null && !url.isBlank()) {
				return new MariaDbServer(url, TestDatabase.env("REPROSERVE_TEST_MARIADB_USER", "root"),
						TestDatabase.env("REPROSERVE_TEST_MARIADB_PASSWORD", ""), "REPROSERVE_TEST_MARIADB_URL");
			}
			if (TestDatabase.dockerAvailable()) {
				MariaDBContainer container = new MariaDBContainer(MARIADB_IMAGE).withUsername("root")
					.withPassword("test");
				container.start();
				return new MariaDbServer(container.getJdbcUrl(), "root", "test", "Testcontainers " + MARIADB_IMAGE);
			}
			return new MariaDbServer("jdbc:mariadb://127.0.0.1:3306/test", "root", "", "127.0.0.1:3306");
		}

		void execute(String sql) {
			try (Connection connection = DriverManager.getConnection(this.adminUrl, this.user, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("MariaDB setup failed on " + this.origin + ": " + sql
						+ " (is MariaDB running? .ci/run starts it; or set REPROSERVE_TEST_MARIADB_URL)", ex);
			}
		}

	}

}
