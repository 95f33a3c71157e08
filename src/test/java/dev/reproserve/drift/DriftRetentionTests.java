package dev.reproserve.drift;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import dev.reproserve.drift.internal.WindowRetention;
import dev.reproserve.support.RawVersions;
import dev.reproserve.support.ReproserveTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retention of drift windows: windows older than {@code reproserve.drift.retention} (a
 * year and a day) go, younger ones stay, and the database still refuses every other
 * change, whatever the client; a replica that finds another deleting skips its round.
 */
@ReproserveTest
class DriftRetentionTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	WindowRetention retention;

	private long versionId;

	@BeforeEach
	void aVersion() {
		this.versionId = RawVersions.insert(this.jdbc, "retention-").versionId();
	}

	/** A window of this version that ended so long ago. */
	private long windowEnded(Duration ago) {
		return this.jdbc.queryForObject("INSERT INTO drift_windows (version_id, replica, window_start, window_end,"
				+ " requests, instances, counts) VALUES (?, 'elsewhere', now() - ?::interval - interval '1 minute',"
				+ " now() - ?::interval, 1, 1, '{}'::jsonb) RETURNING id", Long.class, this.versionId,
				ago.getSeconds() + " seconds", ago.getSeconds() + " seconds");
	}

	private List<Long> windows() {
		return this.jdbc.queryForList("SELECT id FROM drift_windows WHERE version_id = ? ORDER BY id", Long.class,
				this.versionId);
	}

	@Test
	void windowsOlderThanTheRetentionGoAndYoungerOnesStay() {
		long old = windowEnded(Duration.ofDays(400));
		long older = windowEnded(Duration.ofDays(367));
		long yearOld = windowEnded(Duration.ofDays(365));
		long recent = windowEnded(Duration.ofHours(1));

		WindowRetention.Expiry expiry = this.retention.expire();

		assertThat(expiry.skipped()).isFalse();
		assertThat(expiry.deleted()).isGreaterThanOrEqualTo(2);
		assertThat(windows()).containsExactly(yearOld, recent).doesNotContain(old, older);
		assertThat(this.retention.expire().deleted()).isZero();
	}

	@Test
	void theDatabaseRefusesEveryOtherDeleteAndEveryUpdate() {
		long old = windowEnded(Duration.ofDays(400));
		long recent = windowEnded(Duration.ofHours(2));

		assertThatThrownBy(() -> this.jdbc.update("DELETE FROM drift_windows WHERE id = ?", old))
			.hasMessageContaining("DELETE on drift_windows is refused: the table is append-only");
		assertThatThrownBy(() -> this.jdbc.update("DELETE FROM drift_windows")).hasMessageContaining("is refused");
		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE drift_windows")).hasMessageContaining("TRUNCATE on");
		// A transaction that names a horizon may delete older windows, never one that
		// ended
		// within the last day, and may update nothing.
		assertThatThrownBy(() -> inTransactionWithHorizonNow("DELETE FROM drift_windows WHERE id = " + recent))
			.hasMessageContaining("DELETE on drift_windows is refused");
		assertThatThrownBy(() -> inTransactionWithHorizonNow("UPDATE drift_windows SET requests = 2 WHERE id = " + old))
			.hasMessageContaining("UPDATE on drift_windows is refused");
		assertThat(windows()).containsExactly(old, recent);
		assertThat(this.jdbc.queryForObject("SELECT requests FROM drift_windows WHERE id = ?", Long.class, old))
			.isEqualTo(1);

		// Even told to delete everything up to now, the function leaves the last day
		// alone.
		this.jdbc.queryForObject("SELECT reproserve_expire_drift_windows(now() + interval '1 day', 10000)",
				Integer.class);
		assertThat(windows()).containsExactly(recent);
	}

	private void inTransactionWithHorizonNow(String sql) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.queryForObject("SELECT set_config('reproserve.drift_expiry_horizon', now()::text, true)",
					String.class);
			this.jdbc.update(sql);
		});
	}

	@Test
	void aReplicaSkipsItsRoundWhileAnotherIsDeleting() throws Exception {
		long old = windowEnded(Duration.ofDays(500));
		try (Connection other = this.dataSource.getConnection(); Statement statement = other.createStatement()) {
			other.setAutoCommit(false);
			// What the function takes on another replica while it deletes.
			statement.execute("SELECT pg_advisory_xact_lock(1380274244, 1)");

			WindowRetention.Expiry expiry = this.retention.expire();

			assertThat(expiry.skipped()).isTrue();
			assertThat(expiry.deleted()).isZero();
			assertThat(windows()).containsExactly(old);
			other.rollback();
			other.setAutoCommit(true);
		}
		assertThat(this.retention.expire().skipped()).isFalse();
		assertThat(windows()).isEmpty();
	}

	@Test
	void aRetentionShorterThanADayOrThePeriodIsRefusedAtStartup() {
		assertThatThrownBy(() -> properties(Duration.ofHours(24), Duration.ofHours(12)))
			.hasMessageContaining("reproserve.drift.retention (PT12H) must be at least a day");
		assertThatThrownBy(() -> properties(Duration.ofDays(7), Duration.ofDays(7)))
			.hasMessageContaining("longer than reproserve.drift.period (PT168H)");
		assertThat(properties(Duration.ofHours(24), Duration.ofDays(366)).retention()).isEqualTo(Duration.ofDays(366));
	}

	private static DriftProperties properties(Duration period, Duration retention) {
		return new DriftProperties(Duration.ofMinutes(1), period, 0.1, 0.25, 0.1, 0.2, 100, 0.1, retention,
				Duration.ofHours(1));
	}

}
