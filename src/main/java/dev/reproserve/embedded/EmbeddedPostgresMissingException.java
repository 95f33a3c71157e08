package dev.reproserve.embedded;

/**
 * The embedded default was asked for by a build that carries no PostgreSQL binaries for
 * this platform: the container image leaves them out, since it always runs with a
 * datasource.
 */
class EmbeddedPostgresMissingException extends RuntimeException {

	EmbeddedPostgresMissingException(String platform, Throwable cause) {
		super("No datasource is configured, so the service would start an embedded PostgreSQL, but this build carries "
				+ "no PostgreSQL binaries for " + platform + " (the container image leaves them out)", cause);
	}

}
