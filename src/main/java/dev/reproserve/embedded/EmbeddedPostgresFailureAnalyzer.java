package dev.reproserve.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says, at a failed start as root, why and the ways out. */
class EmbeddedPostgresFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedPostgresAsRootException> {

	@Override
	protected FailureAnalysis analyze(Throwable root, EmbeddedPostgresAsRootException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Either point the service at a PostgreSQL server: set SPRING_DATASOURCE_URL (with "
						+ "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD), for example "
						+ "jdbc:postgresql://localhost:5432/postgres; or name an unprivileged account that setpriv, "
						+ "runuser or su can switch to in REPROSERVE_EMBEDDED_POSTGRES_RUN_AS (default nobody); or "
						+ "run the service as a normal user, which gets an embedded PostgreSQL with its data in "
						+ "~/.reproserve/postgres.",
				cause);
	}

}
