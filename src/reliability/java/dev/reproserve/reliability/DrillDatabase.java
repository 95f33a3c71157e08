package dev.reproserve.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the drills' own, made with {@code initdb} in a fresh directory
 * and listening on loopback only, so that the drills can stop, start and cut it without
 * touching any other database on the machine. PostgreSQL refuses to run as root, so as
 * root its commands run as the {@code postgres} user.
 */
final class DrillDatabase implements AutoCloseable {

	static final String NAME = "reproserve";

	private final Path dir;

	private final int port;

	private final Path bin;

	private DrillDatabase(Path dir, int port, Path bin) {
		this.dir = dir;
		this.port = port;
		this.bin = bin;
	}

	static DrillDatabase create(Path dir, int port) throws Exception {
		dir = dir.toAbsolutePath();
		Path bin = findBin();
		if (Files.exists(dir)) {
			Drills.run(List.of("rm", "-rf", dir.toString()));
		}
		Files.createDirectories(dir);
		if (isRoot()) {
			Drills.run(List.of("chown", "postgres", dir.toString()));
		}
		DrillDatabase db = new DrillDatabase(dir, port, bin);
		db.pg(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U",
				"postgres", "--no-sync"));
		db.start();
		try (Connection connection = DriverManager.getConnection(db.url("postgres"), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + NAME);
		}
		return db;
	}

	private static Path findBin() throws IOException {
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
				.max(Comparator.comparing((bin) -> Integer.parseInt(bin.getParent().getFileName().toString())))
				.orElseThrow(() -> new IllegalStateException("No PostgreSQL server under /usr/lib/postgresql"));
		}
		catch (java.nio.file.NoSuchFileException ex) {
			throw new IllegalStateException("No PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)");
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private void pg(List<String> command) throws Exception {
		List<String> full = new ArrayList<>();
		if (isRoot()) {
			full.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		full.addAll(command);
		Drills.run(full);
	}

	String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	String url() {
		return url(NAME);
	}

	void start() throws Exception {
		pg(List.of(this.bin.resolve("pg_ctl").toString(), "-D", this.dir.resolve("data").toString(), "-o",
				"-p " + this.port + " -k " + this.dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
				"-l", this.dir.resolve("server.log").toString(), "-w", "start"));
	}

	void stop() throws Exception {
		pg(List.of(this.bin.resolve("pg_ctl").toString(), "-D", this.dir.resolve("data").toString(), "-m", "fast", "-w",
				"stop"));
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), "postgres", "");
	}

	/** Ends every session of the service (what a failover or an operator's kill does). */
	int terminateServiceSessions() throws SQLException {
		return (int) queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
				+ " WHERE datname = current_database() AND pid <> pg_backend_pid()");
	}

	long queryLong(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	List<List<Object>> query(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<List<Object>> result = new ArrayList<>();
			int columns = rows.getMetaData().getColumnCount();
			while (rows.next()) {
				List<Object> row = new ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					row.add(rows.getObject(i));
				}
				result.add(row);
			}
			return result;
		}
	}

	/** Runs SQL as a superuser with the append-only triggers off: what only an operator can do. */
	void executeAsSuperuser(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("SET session_replication_role = replica");
			statement.execute(sql);
		}
	}

	@Override
	public void close() throws Exception {
		try {
			stop();
		}
		catch (Exception ex) {
			// already stopped
		}
		Drills.run(List.of("rm", "-rf", this.dir.toString()));
	}

}
