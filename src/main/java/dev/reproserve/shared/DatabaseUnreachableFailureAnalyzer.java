package dev.reproserve.shared;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;

/**
 * Says, at a start that could not reach its database even after waiting for it, which
 * database and what to do: one paragraph instead of five nested stack traces. The service
 * exits and never reports ready without its models.
 */
class DatabaseUnreachableFailureAnalyzer implements FailureAnalyzer {

	private final Environment environment;

	DatabaseUnreachableFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		if (!DatabaseFailures.isUnavailable(failure)) {
			return null;
		}
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		// Without its query: a JDBC URL may carry a password there.
		String url = this.environment.getProperty("spring.datasource.url", "(no spring.datasource.url)")
			.replaceAll("\\?.*", "");
		String retries = this.environment.getProperty("spring.flyway.connect-retries", "0");
		String interval = this.environment.getProperty("spring.flyway.connect-retries-interval", "120s");
		return new FailureAnalysis(
				"Could not reach the registry database at " + url + " after " + retries + " retries " + interval
						+ " apart: " + root.getMessage(),
				"Start PostgreSQL there, or point the service at a running server with SPRING_DATASOURCE_URL"
						+ " (and SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD). To wait longer for a database"
						+ " that starts after the service, raise SPRING_FLYWAY_CONNECT_RETRIES.",
				failure);
	}

}
