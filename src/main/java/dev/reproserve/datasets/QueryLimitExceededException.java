package dev.reproserve.datasets;

import java.util.Map;

import dev.reproserve.shared.DomainException;

/**
 * A query over one of its source's limits: it ran too long, or returned too many rows or
 * too many bytes. A result is refused whole, never cut short: a cut result is another
 * dataset.
 */
public class QueryLimitExceededException extends DomainException {

	private QueryLimitExceededException(String source, String limit, Object value, String detail) {
		super(Kind.INVALID, "query-limit-exceeded", "Query over its source's limits", detail,
				Map.of("source", source, "limit", limit, "value", value));
	}

	public static QueryLimitExceededException forTime(String source, int seconds) {
		return new QueryLimitExceededException(source, "statement-timeout", seconds + "s",
				"The query ran longer than " + "source '" + source + "' allows (reproserve.sources." + source
						+ ".statement-timeout, " + seconds
						+ " s) and was cancelled. Select less, or ask an operator for a longer timeout.");
	}

	public static QueryLimitExceededException forRows(String source, int maxRows) {
		return new QueryLimitExceededException(source, "max-rows", maxRows,
				"The query returns more than " + maxRows + " rows, the most source '" + source
						+ "' allows (reproserve.sources." + source + ".max-rows). "
						+ "A result is never cut short; select fewer rows.");
	}

	public static QueryLimitExceededException forBytes(String source, long maxBytes) {
		return new QueryLimitExceededException(source, "max-size", maxBytes,
				"The query's result is larger than " + maxBytes + " bytes as canonical CSV, the most source '" + source
						+ "' allows (reproserve.sources." + source
						+ ".max-size). A result is never cut short; select fewer rows or columns.");
	}

}
