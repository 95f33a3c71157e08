package dev.reproserve.datasets;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.reproserve.shared.DomainException;

/**
 * A query that cannot give a dataset snapshot: not one SELECT statement, or refused by
 * the database with its own message.
 */
public class InvalidQueryException extends DomainException {

	private InvalidQueryException(String detail, Map<String, ?> members) {
		super(Kind.INVALID, "invalid-query", "Invalid query", detail, members);
	}

	/** Not one SELECT statement, as the SQL parser reads it. */
	public static InvalidQueryException notOneSelect(String why) {
		return new InvalidQueryException("The query must be exactly one SELECT statement (WITH, UNION and the like "
				+ "included) ending in ORDER BY; " + why + ".", Map.of());
	}

	/** The database refused the query. */
	public static InvalidQueryException fromDatabase(String source, @Nullable String message,
			@Nullable String sqlState) {
		Map<String, String> members = new TreeMap<>();
		members.put("source", source);
		if (sqlState != null) {
			members.put("sqlState", sqlState);
		}
		return new InvalidQueryException(
				"Source '" + source + "' refused the query: " + ((message != null) ? message.strip() : "no message")
						+ ". It ran in a read-only transaction, so " + "statements that write are refused too.",
				members);
	}

}
