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

	private final Kind kind;

	private final String reason;

	private InvalidBundleException(Kind kind, String reason) {
		super("The bundle was refused: " + reason + (reason.matches(".*[.?!]$") ? "" : "."));
		this.kind = kind;
		this.reason = reason;
	}

	public static InvalidBundleException because(Kind kind, String reason) {
		return new InvalidBundleException(kind, reason);
	}

	/** Which check refused the bundle: a fixed few, fit to count refusals by. */
	public Kind kind() {
		return this.kind;
	}

	/** What was wrong with the bundle, as a sentence fragment. */
	public String reason() {
		return this.reason;
	}

	/** The checks a bundle can fail, in the order they run. */
	public enum Kind implements JsonEnum {

		/**
		 * Not a readable bundle archive: not a ZIP, missing, extra or oversized entries.
		 */
		ARCHIVE,

		/** Its bytes do not hash to the SHA-256 the registry recorded. */
		ALTERED,

		/** The manifest cannot be read or lacks what it must record. */
		MANIFEST,

		/** The model file is not a readable Tribuo protobuf model. */
		MODEL,

		/** The model names a class off the allow-list. */
		NOT_ALLOWED,

		/** The model and its manifest disagree (class, fingerprint, labels, features). */
		MISMATCH,

		/** It was trained with libraries that change predictions, in other versions. */
		DEPENDENCIES,

		/** Its golden examples do not reproduce here. */
		GOLDEN_EXAMPLES

	}

}
