package dev.reproserve.serving;

import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/**
 * A version whose bundle failed verification on this node; the reason is in its status.
 */
public class VersionNotServableException extends DomainException {

	private VersionNotServableException(String model, int version, String reason) {
		super(Kind.CONFLICT, "version-not-servable", "Version cannot be served",
				"Version " + version + " of '" + model + "' failed verification and is not served: " + reason
						+ ". Point aliases at another version.",
				Map.of("model", model, "version", version, "reason", reason));
	}

	public static VersionNotServableException forVersion(String model, int version, String reason) {
		return new VersionNotServableException(model, version, reason);
	}

}
