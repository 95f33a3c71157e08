package dev.reproserve.training.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells live replicas from dead ones through PostgreSQL itself. Each replica holds a
 * session-level advisory lock on a random key of its own, on a connection it keeps for
 * its lifetime; PostgreSQL releases the lock when the process or its connection dies.
 * Jobs record their owner's key, so a job whose owner's lock can be taken was left behind
 * by a crash or restart. No clocks and no timeouts are involved.
 */
@Component
public class JobOwnership implements AutoCloseable {

	/** First key of the two-key advisory lock space: "REPJ". */
	static final int LOCK_SPACE = 0x5245504A;

	private static final Logger log = LoggerFactory.getLogger(JobOwnership.class);

	private final DataSource dataSource;

	private final int key = new SecureRandom().nextInt();

	private Connection connection;

	JobOwnership(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * This replica's owner key, locked for as long as it runs. The lock goes with the
	 * session that holds it, so a session that ended (database restart, cut connection)
	 * is replaced and the lock taken again; until then other replicas take this one for
	 * dead. Called on every submission and every periodic check.
	 */
	public synchronized int key() {
		if (this.connection != null && !isValid(this.connection)) {
			log.warn("The session holding this replica's job ownership lock ended; taking the lock again");
			closeQuietly(this.connection);
			this.connection = null;
		}
		if (this.connection == null) {
			try {
				Connection held = this.dataSource.getConnection();
				held.setAutoCommit(true);
				try (PreparedStatement lock = held.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
					lock.setInt(1, LOCK_SPACE);
					lock.setInt(2, this.key);
					lock.execute();
				}
				this.connection = held;
			}
			catch (SQLException ex) {
				throw new DataAccessResourceFailureException("Could not take this replica's job ownership lock", ex);
			}
		}
		return this.key;
	}

	/**
	 * Whether the replica with that owner key is gone, checked by taking its lock for a
	 * moment on one connection; runs the action while holding it, so that an owner cannot
	 * come back in between.
	 */
	public boolean ifGone(JdbcTemplate jdbc, int ownerKey, Runnable whileHeld) {
		return jdbc.execute((ConnectionCallback<Boolean>) (connection) -> {
			if (!advisory(connection, "pg_try_advisory_lock", ownerKey)) {
				return false;
			}
			try {
				whileHeld.run();
				return true;
			}
			finally {
				advisory(connection, "pg_advisory_unlock", ownerKey);
			}
		});
	}

	/**
	 * Calls one of PostgreSQL's two-key advisory lock functions in the job lock space.
	 */
	private static boolean advisory(Connection connection, String function, int ownerKey) throws SQLException {
		try (PreparedStatement call = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
			call.setInt(1, LOCK_SPACE);
			call.setInt(2, ownerKey);
			try (ResultSet result = call.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private static boolean isValid(Connection connection) {
		try {
			return connection.isValid(5);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			log.debug("Closing the job ownership connection failed", ex);
		}
	}

	@Override
	public synchronized void close() {
		if (this.connection != null) {
			// A pooled connection outlives close(): release the lock explicitly.
			try {
				advisory(this.connection, "pg_advisory_unlock", this.key);
			}
			catch (SQLException ex) {
				log.debug("Releasing the job ownership lock failed", ex);
			}
			closeQuietly(this.connection);
			this.connection = null;
		}
	}

}
