package dev.reproserve.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * A PostgreSQL session advisory lock held on a connection of its own while the example is
 * seeded, so that replicas starting together on an empty database seed it once: the first
 * trains, registers and promotes it; the others wait, then find a model there and leave
 * the registry alone.
 */
final class SeedLock implements AutoCloseable {

	/**
	 * Key of the lock; any other user of advisory locks in this database must avoid it.
	 */
	static final long KEY = 0x52455052L;

	private final Connection connection;

	private SeedLock(Connection connection) {
		this.connection = connection;
	}

	/** Waits for the lock and holds it until {@link #close()}. */
	static SeedLock acquire(DataSource dataSource) throws SQLException {
		Connection connection = dataSource.getConnection();
		try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
			lock.setLong(1, KEY);
			lock.execute();
			return new SeedLock(connection);
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	@Override
	public void close() throws SQLException {
		try (PreparedStatement unlock = this.connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			unlock.setLong(1, KEY);
			unlock.execute();
		}
		finally {
			// Ending the session releases the lock too, should the unlock fail.
			this.connection.close();
		}
	}

}
