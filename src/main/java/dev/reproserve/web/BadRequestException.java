package dev.reproserve.web;

import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.InvalidParameterException;

/** A request that cannot be understood: malformed content or an invalid parameter. */
public class BadRequestException extends DomainException {

	private BadRequestException(String type, String title, String detail, Map<String, ?> properties) {
		super(Kind.MALFORMED, type, title, detail, properties);
	}

	public static BadRequestException malformed(String detail) {
		return new BadRequestException("malformed-request", "Malformed request body", detail, Map.of());
	}

	public static InvalidParameterException invalidParameter(String name, String detail) {
		return InvalidParameterException.of(name, detail);
	}

	/**
	 * An optional query parameter that is an ISO-8601 instant.
	 * @return null when absent or blank
	 * @throws InvalidParameterException when it is not an instant
	 */
	public static java.time.@org.jspecify.annotations.Nullable Instant instantParameter(String name,
			@org.jspecify.annotations.Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return java.time.Instant.parse(value);
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw invalidParameter(name, "Query parameter '" + name
					+ "' must be an ISO-8601 instant such as 2026-12-03T09:00:00Z, not '" + value + "'.");
		}
	}

	/** Checks paging parameters: page from 0, size from 1 to 100. */
	public static void checkPage(int page, int size) {
		if (page < 0) {
			throw invalidParameter("page", "Query parameter 'page' must be 0 or more (it counts from 0).");
		}
		if (size < 1 || size > 100) {
			throw invalidParameter("size", "Query parameter 'size' must be from 1 to 100.");
		}
		if ((long) page * size > Integer.MAX_VALUE) {
			throw invalidParameter("page",
					"Query parameter 'page' is too large: page * size must stay below " + Integer.MAX_VALUE + ".");
		}
	}

}
