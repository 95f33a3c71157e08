package dev.reproserve.datasets;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.reproserve.shared.DomainException;

/**
 * A configured source that cannot be reached: down, refusing connections or the login.
 * Nothing was recorded; the same request may succeed later.
 */
public class SourceUnavailableException extends DomainException {

	/** How long a client should wait before it asks again. */
	public static final int RETRY_AFTER_SECONDS = 5;

	public SourceUnavailableException(String source) {
		super(Kind.UNAVAILABLE, "source-unavailable", "Source unavailable",
				"Source '" + source + "' cannot be reached (down, refusing connections or the configured login), so "
						+ "the query did not run and nothing was recorded. Send the request again after the "
						+ "Retry-After seconds; the service log says more.",
				Map.of("source", source));
	}

	@Override
	public @Nullable Integer retryAfterSeconds() {
		return RETRY_AFTER_SECONDS;
	}

}
