package dev.reproserve.bundle;

/**
 * A bundle that cannot be read, is not allowed, or does not reproduce its record. The
 * bundle format is the project's foundation and depends on no other capability, so this
 * is a plain exception; its {@link #reason()} says what was wrong.
 */
public class InvalidBundleException extends RuntimeException {

	/** The stable name of this problem. */
	public static final String SLUG = "invalid-bundle";

	/** The fixed title of this problem. */
	public static final String TITLE = "Invalid model bundle";

	private final String reason;

	private InvalidBundleException(String reason) {
		super("The bundle was refused: " + reason + (reason.matches(".*[.?!]$") ? "" : "."));
		this.reason = reason;
	}

	public static InvalidBundleException because(String reason) {
		return new InvalidBundleException(reason);
	}

	/** What was wrong with the bundle, as a sentence fragment. */
	public String reason() {
		return this.reason;
	}

}
