package dev.reproserve.support;

/**
 * The admin key of every service the tests start: given to it as
 * {@code reproserve.security.admin-key} and sent by {@link ReproserveClient}.
 */
public final class TestKeys {

	/** The secret of the key named {@code admin}. */
	public static final String ADMIN = "rsk_tests-admin-key-0123456789abcdefghijklmnop";

	/** The setting that gives it, as a command-line argument. */
	public static final String ADMIN_ARGUMENT = "--reproserve.security.admin-key=" + ADMIN;

	private TestKeys() {
	}

}
