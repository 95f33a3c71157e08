package dev.reproserve.embedded;

/**
 * The embedded default was asked for by a process running as root, and PostgreSQL could
 * not be run as the unprivileged account either.
 */
class EmbeddedPostgresAsRootException extends RuntimeException {

	EmbeddedPostgresAsRootException(String account, String tried) {
		super("No datasource is configured, so the service would start an embedded PostgreSQL; PostgreSQL refuses "
				+ "to run as root, and the service could not run it as the account '" + account + "' either (" + tried
				+ ")");
	}

}
