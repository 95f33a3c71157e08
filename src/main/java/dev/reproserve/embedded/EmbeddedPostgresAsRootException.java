package dev.reproserve.embedded;

/** The embedded default was asked for by a process running as root. */
class EmbeddedPostgresAsRootException extends RuntimeException {

	EmbeddedPostgresAsRootException() {
		super("No datasource is configured, so the service would start an embedded PostgreSQL, and PostgreSQL "
				+ "refuses to run as root");
	}

}
