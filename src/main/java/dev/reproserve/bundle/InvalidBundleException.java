package dev.reproserve.bundle;

import java.util.Map;

import dev.reproserve.web.ProblemException;

import org.springframework.http.HttpStatus;

/** A bundle that cannot be read, is not allowed, or does not reproduce its record. */
public class InvalidBundleException extends ProblemException {

	private final String reason;

	private InvalidBundleException(String reason) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-bundle", "Invalid model bundle",
				"The bundle was refused: " + reason + (reason.matches(".*[.?!]$") ? "" : "."),
				Map.of("reason", reason));
		this.reason = reason;
	}

	public static InvalidBundleException because(String reason) {
		return new InvalidBundleException(reason);
	}

	public String reason() {
		return this.reason;
	}

}
