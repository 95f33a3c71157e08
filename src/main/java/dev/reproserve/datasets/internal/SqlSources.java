package dev.reproserve.datasets.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reproserve.datasets.CsvTable;
import dev.reproserve.datasets.InvalidDatasetException;
import dev.reproserve.datasets.InvalidQueryException;
import dev.reproserve.datasets.QueryLimitExceededException;
import dev.reproserve.datasets.SourceUnavailableException;
import dev.reproserve.datasets.SqlSourcesProperties;
import dev.reproserve.shared.DatabaseFailures;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The configured SQL sources, each a small connection pool of read-only connections in
 * UTC, and the one way to run a snapshot query on them: in a read-only transaction, with
 * the source's statement timeout, row limit and size limit, the result read into a
 * canonical table whose ordering columns must be a key of it. No connection is opened
 * before the first query, so a source that is down never stops the service from starting.
 */
@Component
public class SqlSources implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SqlSources.class);

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,31}");

	/** Rows fetched per round trip: the whole result is never held by the driver. */
	private static final int FETCH_SIZE = 1000;

	private static final Duration IDLE = Duration.ofSeconds(60);

	private final Map<String, Source> sources = new TreeMap<>();

	SqlSources(SqlSourcesProperties properties) {
		properties.sources().forEach((name, settings) -> {
			if (!NAME.matcher(name).matches()) {
				throw new IllegalStateException("reproserve.sources." + name
						+ ": a source's name is 1 to 32 lower-case "
						+ "letters and digits, starting with a letter, so that an environment variable can name it");
			}
			Dialect dialect = Dialect.of(settings.url());
			this.sources.put(name, new Source(name, settings, dialect, pool(name, settings, dialect)));
		});
		if (!this.sources.isEmpty()) {
			log.info("SQL sources for dataset snapshots: {}", this.sources.keySet());
		}
	}

	private static HikariDataSource pool(String name, SqlSourcesProperties.Source settings, Dialect dialect) {
		long connectMillis = Math.max(250, settings.connectTimeout().toMillis());
		HikariDataSource pool = new HikariDataSource();
		pool.setPoolName("source-" + name);
		pool.setJdbcUrl(settings.url());
		pool.setUsername(settings.login());
		pool.setPassword(settings.password());
		pool.setReadOnly(true);
		pool.setAutoCommit(false);
		pool.setConnectionInitSql(dialect.sessionInUtc);
		pool.setMinimumIdle(0);
		pool.setMaximumPoolSize(settings.maxConnections());
		pool.setIdleTimeout(IDLE.toMillis());
		pool.setConnectionTimeout(connectMillis);
		pool.setValidationTimeout(Math.min(connectMillis, 5000));
		// Started by the first query, never at startup: a source that is down then is a
		// 503 for snapshot requests, not a service that does not start.
		pool.setInitializationFailTimeout(-1);
		return pool;
	}

	/** The configured sources' names, sorted. */
	public Set<String> names() {
		return this.sources.keySet();
	}

	public boolean configured(String name) {
		return this.sources.containsKey(name);
	}

	/**
	 * Runs a snapshot query on a configured source.
	 * @param name a configured source (see {@link #configured})
	 * @param query the query, parsed
	 * @param asOf what {@code :asOf} is bound to
	 * @return the result as a canonical table, and the columns it is ordered by
	 * @throws SourceUnavailableException when the source cannot be reached
	 * @throws InvalidQueryException when the source refuses the query
	 * @throws QueryLimitExceededException when it runs too long or returns too much
	 * @throws dev.reproserve.datasets.NondeterministicOrderException when the ordering
	 * columns are not a key of the result
	 * @throws InvalidDatasetException when the result is not a table a snapshot can be:
	 * no rows, a repeated column name
	 */
	public Result run(String name, SelectQuery query, Instant asOf) {
		Source source = this.sources.get(name);
		if (source == null) {
			throw new IllegalArgumentException("No source named " + name);
		}
		long started = System.nanoTime();
		Connection connection;
		try {
			connection = source.pool.getConnection();
		}
		catch (SQLException ex) {
			log.warn("Source {} cannot be reached: {}", name, ex.getMessage());
			throw new SourceUnavailableException(name);
		}
		try (connection) {
			try {
				Result result = fetch(source, connection, query, asOf);
				log.info("Query on source {} as of {}: {} rows, {} bytes, in {} ms", name, asOf,
						result.table().rows().size(), result.sizeBytes(), (System.nanoTime() - started) / 1_000_000);
				return result;
			}
			finally {
				rollback(connection);
			}
		}
		catch (SQLException ex) {
			throw refusal(source, ex);
		}
	}

	private Result fetch(Source source, Connection connection, SelectQuery query, Instant asOf) throws SQLException {
		try (Statement begin = connection.createStatement()) {
			begin.execute(source.dialect.readOnlyTransaction);
		}
		SqlSourcesProperties.Source limits = source.settings;
		try (PreparedStatement statement = connection.prepareStatement(query.jdbcSql(), ResultSet.TYPE_FORWARD_ONLY,
				ResultSet.CONCUR_READ_ONLY)) {
			statement.setQueryTimeout(limits.statementTimeoutSeconds());
			statement.setMaxRows((limits.maxRows() < Integer.MAX_VALUE) ? limits.maxRows() + 1 : limits.maxRows());
			statement.setFetchSize(FETCH_SIZE);
			LocalDateTime at = LocalDateTime.ofInstant(asOf, ZoneOffset.UTC);
			for (int i = 1; i <= query.asOfParameters(); i++) {
				statement.setObject(i, at);
			}
			// The statement timeout covers the execution; the fetches that follow are
			// held to the same time here.
			long deadline = System.nanoTime() + limits.statementTimeoutSeconds() * 1_000_000_000L;
			try (ResultSet rs = statement.executeQuery()) {
				return read(source, rs, query, deadline);
			}
		}
	}

	private static Result read(Source source, ResultSet rs, SelectQuery query, long deadline) throws SQLException {
		SqlSourcesProperties.Source limits = source.settings;
		ResultSetMetaData metadata = rs.getMetaData();
		List<String> labels = new ArrayList<>();
		for (int i = 1; i <= metadata.getColumnCount(); i++) {
			labels.add(metadata.getColumnLabel(i));
		}
		List<Integer> order = query.orderColumns(labels);
		CanonicalCells.Reader[] readers = CanonicalCells.readers(metadata);
		OrderKeys keys = new OrderKeys(labels, order);
		CsvTable.Builder table = CsvTable.builder(labels);
		long maxBytes = limits.maxSize().toBytes();
		int rows = 0;
		while (rs.next()) {
			if (++rows > limits.maxRows()) {
				throw QueryLimitExceededException.forRows(source.name, limits.maxRows());
			}
			String[] cells = new String[readers.length];
			for (int i = 0; i < readers.length; i++) {
				cells[i] = readers[i].read(rs, i + 1);
			}
			keys.add(cells);
			table.add(Arrays.stream(cells).map((cell) -> (cell != null) ? cell : "").toList());
			if (table.size() > maxBytes) {
				throw QueryLimitExceededException.forBytes(source.name, maxBytes);
			}
			if (System.nanoTime() > deadline) {
				throw QueryLimitExceededException.forTime(source.name, limits.statementTimeoutSeconds());
			}
		}
		if (rows == 0) {
			throw new InvalidDatasetException(List.of("the query returned no rows; a snapshot needs at least one"));
		}
		keys.check();
		List<String> orderedBy = order.stream().map(labels::get).toList();
		return new Result(table.build(), orderedBy, table.size());
	}

	/**
	 * Nothing was written, so there is nothing to keep; the pool closes a broken
	 * connection.
	 */
	private static void rollback(Connection connection) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			log.debug("Rolling back a source's read-only transaction failed: {}", ex.getMessage());
		}
	}

	/** What a failed query tells its caller: never a 500. */
	private static RuntimeException refusal(Source source, SQLException ex) {
		String state = ex.getSQLState();
		if (ex instanceof SQLTimeoutException || "57014".equals(state) || "70100".equals(state)) {
			return QueryLimitExceededException.forTime(source.name, source.settings.statementTimeoutSeconds());
		}
		if (DatabaseFailures.isUnavailable(ex)) {
			log.warn("Source {} was lost during a query: {}", source.name, ex.getMessage());
			return new SourceUnavailableException(source.name);
		}
		return InvalidQueryException.fromDatabase(source.name, ex.getMessage(), state);
	}

	@Override
	public void destroy() {
		this.sources.values().forEach((source) -> source.pool.close());
	}

	/**
	 * A query's result.
	 *
	 * @param table the rows as a canonical table; its SHA-256 is the snapshot's id
	 * @param orderedBy the result columns it is ordered by, a key of it
	 * @param sizeBytes the size of its canonical CSV
	 */
	public record Result(CsvTable table, List<String> orderedBy, long sizeBytes) {
	}

	private record Source(String name, SqlSourcesProperties.Source settings, Dialect dialect, HikariDataSource pool) {
	}

	/** What differs between the databases a source may be. */
	private enum Dialect {

		POSTGRESQL("SET TIME ZONE 'UTC'", "SET TRANSACTION READ ONLY"),

		MARIADB("SET time_zone = '+00:00'", "START TRANSACTION READ ONLY");

		/** Run once per connection: timestamps without a zone read as UTC. */
		final String sessionInUtc;

		/** Run first in every transaction: any write in it is refused by the database. */
		final String readOnlyTransaction;

		Dialect(String sessionInUtc, String readOnlyTransaction) {
			this.sessionInUtc = sessionInUtc;
			this.readOnlyTransaction = readOnlyTransaction;
		}

		static Dialect of(String url) {
			return url.startsWith("jdbc:mariadb:") ? MARIADB : POSTGRESQL;
		}

	}

}
