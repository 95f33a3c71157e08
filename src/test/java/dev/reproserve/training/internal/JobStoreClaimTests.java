package dev.reproserve.training.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import dev.reproserve.training.ClaimedJob;

import org.junit.jupiter.api.Test;

import dev.reproserve.support.TestDatabase;
import dev.reproserve.training.ClaimedJob;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Claiming queued jobs on real PostgreSQL, with no service around to claim them first:
 * two claimers racing over the same rows never take one job twice, and only a queued job
 * may be without an owner.
 */
class JobStoreClaimTests {

	@Test
	void twoClaimersRacingNeverTakeTheSameJob() throws Exception {
		JdbcTemplate jdbc = migrated(TestDatabase.create());
		JobStore store = new JobStore(jdbc);
		List<Long> inserted = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			inserted.add(store.insertUnclaimed("model-" + i, "a".repeat(64), "{}", "tests"));
		}
		List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
		ExecutorService claimers = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int claimer = 1; claimer <= 2; claimer++) {
				int key = claimer;
				running.add(claimers.submit(() -> {
					Optional<ClaimedJob> next;
					while ((next = store.claimNext(key, "replica-" + key)).isPresent()) {
						claimed.add(next.get().id());
					}
				}));
			}
			for (Future<?> claimer : running) {
				claimer.get();
			}
		}
		finally {
			claimers.shutdownNow();
		}

		assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inserted);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM training_jobs WHERE owner_key IS NULL", Long.class))
			.isZero();
	}

	@Test
	void onlyAQueuedJobMayBeWithoutAnOwner() {
		JdbcTemplate jdbc = migrated(TestDatabase.create());
		long id = new JobStore(jdbc).insertUnclaimed("model", "a".repeat(64), "{}", "tests");

		assertThatThrownBy(() -> jdbc.update("UPDATE training_jobs SET status = 'running' WHERE id = ?", id))
			.hasMessageContaining("training_jobs_owned_unless_queued");
	}

	private static JdbcTemplate migrated(TestDatabase database) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(),
				database.password());
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		return new JdbcTemplate(dataSource);
	}

}
