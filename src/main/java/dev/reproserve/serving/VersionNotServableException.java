package dev.reproserve.serving;

import java.util.Map;

import dev.reproserve.web.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * A version whose bundle failed verification on this node; the reason is in its status.
 */
public class VersionNotServableException extends ProblemException {

	private VersionNotServableException(String model, int version, String reason) {
		super(HttpStatus.CONFLICT, "version-not-servable", "Version cannot be served",
				"Version " + version + " of '" + model + "' failed verification and is not served: " + reason
						+ ". Point aliases at another version.",
				Map.of("model", model, "version", version, "reason", reason));
	}

	public static VersionNotServableException forVersion(String model, int version, String reason) {
		return new VersionNotServableException(model, version, reason);
	}

}
