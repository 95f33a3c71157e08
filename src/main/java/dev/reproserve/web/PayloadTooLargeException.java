package dev.reproserve.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/** A request body or batch larger than the configured limit. */
public class PayloadTooLargeException extends ProblemException {

	public PayloadTooLargeException(String what, long limit, String unit) {
		super(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
				what + " is over the limit of " + limit + " " + unit + ".", Map.of("limit", limit));
	}

}
