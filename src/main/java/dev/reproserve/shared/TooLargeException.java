package dev.reproserve.shared;

import java.util.Map;

/** Something a caller sent is over a configured size limit. */
public class TooLargeException extends DomainException {

	public TooLargeException(String what, long limit, String unit) {
		super(Kind.TOO_LARGE, "payload-too-large", "Payload too large",
				what + " is over the limit of " + limit + " " + unit + ".", Map.of("limit", limit));
	}

}
