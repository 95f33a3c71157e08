package dev.reproserve.bundle;

import java.io.ObjectInputFilter;

/**
 * Switches Java deserialization off for the whole JVM, the equivalent of
 * {@code -Djdk.serialFilter='!*'}. Tribuo's protobuf format never needs it, and some
 * Tribuo model classes would otherwise read Java-serialized blobs from a bundle.
 */
public final class SerializationLockdown {

	static final ObjectInputFilter REJECT_ALL = ObjectInputFilter.Config.createFilter("!*");

	private SerializationLockdown() {
	}

	/**
	 * Installs the reject-all filter unless a JVM-wide filter is already set (the JVM
	 * allows one; an operator's {@code -Djdk.serialFilter} wins and is left alone).
	 */
	public static synchronized void install() {
		if (ObjectInputFilter.Config.getSerialFilter() == null) {
			ObjectInputFilter.Config.setSerialFilter(REJECT_ALL);
		}
	}

	/** Whether the JVM-wide filter is the one {@link #install()} sets. */
	public static boolean isInstalled() {
		return ObjectInputFilter.Config.getSerialFilter() == REJECT_ALL;
	}

}
