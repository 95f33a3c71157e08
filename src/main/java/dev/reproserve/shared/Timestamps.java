package dev.reproserve.shared;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times as PostgreSQL keeps them: to the microsecond. An instant that is written and read
 * back must compare equal to itself, so every recorded time is truncated before it is
 * stored.
 */
public final class Timestamps {

	private Timestamps() {
	}

	/** Now, to the microsecond. */
	public static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	/** The instant, to the microsecond. */
	public static Instant stored(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

}
