package dev.reproserve.datasets;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The named SQL sources dataset snapshots may be taken from, as
 * {@code reproserve.sources.<name>.url}, {@code .username} (or {@code .user}),
 * {@code .password} and the optional limits. Bound at {@code reproserve} so that the
 * names are the keys of one map.
 *
 * @param sources each source by its name: lower-case letters and digits, so that an
 * environment variable ({@code REPROSERVE_SOURCES_<NAME>_URL}) can name it too
 */
@Validated
@ConfigurationProperties("reproserve")
public record SqlSourcesProperties(@DefaultValue Map<String, @Valid Source> sources) {

	public SqlSourcesProperties {
		sources = new TreeMap<>(sources);
	}

	/**
	 * One read-only JDBC source. Every query runs in a read-only transaction.
	 *
	 * @param url the JDBC URL: {@code jdbc:postgresql:} or {@code jdbc:mariadb:}
	 * @param username the user to connect as ({@code user} is accepted too)
	 * @param user another name for {@code username}
	 * @param password the password; never logged nor returned
	 * @param statementTimeout how long one query may run, in whole seconds (at least 1)
	 * @param maxRows the most rows a query may return; more is refused, never truncated
	 * @param maxSize the largest canonical CSV a query may give
	 * @param connectTimeout how long a request waits for a connection before the source
	 * counts as unavailable (503)
	 * @param maxConnections connections held open to the source at most
	 */
	public record Source(
			@NotBlank @Pattern(regexp = "jdbc:(postgresql|mariadb):.+",
					message = "must be a jdbc:postgresql: or jdbc:mariadb: URL") String url,
			@Nullable String username, @Nullable String user, @Nullable String password,
			@DefaultValue("30s") Duration statementTimeout,
			@DefaultValue("1000000") @Min(1) @Max(100_000_000) int maxRows, @DefaultValue("256MB") DataSize maxSize,
			@DefaultValue("5s") Duration connectTimeout, @DefaultValue("2") @Min(1) @Max(64) int maxConnections) {

		private static final java.util.regex.Pattern PASSWORD_IN_URL = java.util.regex.Pattern
			.compile("(?i)(password=)[^&;]*");

		/** The user to connect as, whichever of the two names set it. */
		public @Nullable String login() {
			return (this.username != null) ? this.username : this.user;
		}

		/** Whole seconds, as JDBC's query timeout takes them, at least 1. */
		public int statementTimeoutSeconds() {
			return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (this.statementTimeout.toMillis() + 999) / 1000));
		}

		/** {@code username} and {@code user} are two names of one setting. */
		@AssertTrue(message = "username and user are both set, to different values: set one of them")
		public boolean isOneLogin() {
			return this.username == null || this.user == null || this.username.equals(this.user);
		}

		/** Never the password, also where the URL carries one. */
		@Override
		public String toString() {
			return "Source[url=" + PASSWORD_IN_URL.matcher(this.url).replaceAll("$1***") + ", user=" + login()
					+ ", password=" + ((this.password != null) ? "***" : null) + ", statementTimeout="
					+ this.statementTimeout + ", maxRows=" + this.maxRows + ", maxSize=" + this.maxSize
					+ ", connectTimeout=" + this.connectTimeout + ", maxConnections=" + this.maxConnections + "]";
		}

	}

}
