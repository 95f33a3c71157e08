package dev.reproserve.shared;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that is down, restarting or out of connections from every other
 * failure: such a request is answered 503 with {@code Retry-After} (nothing it wanted to
 * write was written), not 500. Decided on the whole cause chain, since JPA, Spring and
 * the pool each wrap the driver's exception in their own.
 */
public final class DatabaseFailures {

	/**
	 * SQLSTATEs of a lost or refused connection: class 08 (connection exception),
	 * 57P01-57P03 (administrator shutdown, crash shutdown, cannot connect now) and 53300
	 * (too many connections).
	 */
	private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

	private static final String CLOSED_POOL_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

	private DatabaseFailures() {
	}

	public static boolean isUnavailable(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof TransientDataAccessResourceException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
				return true;
			}
			if (cause instanceof SQLException sql && isClosedPoolConnection(sql)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The pool's answer for a connection it has already closed, which it does when the
	 * driver reported the connection broken: a rollback after a query that lost its
	 * connection fails with this, and Spring throws the rollback's failure in place of
	 * the query's (logging the query's). HikariCP gives it no SQLSTATE, so it is told by
	 * where it comes from.
	 */
	private static boolean isClosedPoolConnection(SQLException failure) {
		StackTraceElement[] frames = failure.getStackTrace();
		return frames.length > 0 && frames[0].getClassName().startsWith(CLOSED_POOL_CONNECTION);
	}

}
