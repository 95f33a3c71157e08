package dev.reproserve.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says, at a start without a datasource in a build without the binaries, what to set. */
class EmbeddedPostgresMissingFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedPostgresMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable root, EmbeddedPostgresMissingException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Point the service at a PostgreSQL server: set SPRING_DATASOURCE_URL (with SPRING_DATASOURCE_USERNAME "
						+ "and SPRING_DATASOURCE_PASSWORD), for example jdbc:postgresql://postgres:5432/reproserve, as "
						+ "docker-compose.yml and deploy/k8s do.",
				cause);
	}

}
