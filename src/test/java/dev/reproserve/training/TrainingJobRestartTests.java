package dev.reproserve.training;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.reproserve.support.ProblemAssert;
import dev.reproserve.support.Replicas;
import dev.reproserve.support.TestDatabase;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.TestData;
import dev.reproserve.training.internal.JobOwnership;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.reproserve.support.TestData.JOB_LOCK_SPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens to training jobs when the replica running them stops: the application
 * itself, started and stopped on a database of its own, with jobs left in the table as a
 * crashed replica leaves them. A job is failed only once its owner's advisory lock is
 * free, and never left running.
 */
class TrainingJobRestartTests {

	private static final String INTERRUPTED = ProblemAssert.PROBLEMS + "training-interrupted";

	@Test
	void marksJobsOfReplicasThatDiedFailedWhenTheServiceStartsAgain() throws SQLException {
		TestDatabase database = TestDatabase.create();
		long crashed;
		long longGone;
		// Serve-only, so that it never looks for jobs to claim: that would take its
		// ownership
		// lock again after the "crash" below, as a live replica whose session was cut
		// does.
		try (ConfigurableApplicationContext first = Replicas.start(database, "--reproserve.training.mode=serve")) {
			int key = first.getBean(JobOwnership.class).key();
			crashed = insertJob(database, "running", key);
			longGone = insertJob(database, "queued", unheldKey());
			// The first replica's process dies: PostgreSQL ends its session and with it
			// the lock. Nothing of the replica runs any more.
			assertThat(terminateLockHolder(database, key)).isTrue();
			awaitLockReleased(database, key);

			try (ConfigurableApplicationContext second = start(database)) {
				ReproserveClient client = Replicas.client(second);
				for (long id : List.of(crashed, longGone)) {
					JsonNode job = client.getJson("/api/v1/trainings/" + id);
					assertThat(job.path("status").asString()).isEqualTo("failed");
					assertThat(job.path("stage").asString()).isEqualTo("failed");
					assertThat(job.path("failure").path("type").asString()).isEqualTo(INTERRUPTED);
					assertThat(job.path("failure").path("title").asString()).isEqualTo("Training interrupted");
					assertThat(job.path("failure").path("detail").asString()).contains("stopped",
							"nothing was registered");
					assertThat(job.path("finishedAt").asString()).isNotBlank();
					assertThat(job.path("version").isNull()).isTrue();
				}
			}
		}
	}

	@Test
	void leavesJobsAloneWhileTheirOwnerHoldsItsLock() throws SQLException {
		TestDatabase database = TestDatabase.create();
		try (ConfigurableApplicationContext context = start(database)) {
			TrainingJobs jobs = context.getBean(TrainingJobs.class);
			StoppedReplicaJobs stopped = context.getBean(StoppedReplicaJobs.class);
			int otherReplica = unheldKey();
			long running = insertJob(database, "running", otherReplica);
			long queued = insertJob(database, "queued", otherReplica);

			try (Connection otherReplicaSession = connect(database)) {
				lock(otherReplicaSession, otherReplica);

				assertThat(stopped.failJobsOfStoppedReplicas()).isZero();
				assertThat(jobs.job(running).status()).isEqualTo(TrainingJob.Status.RUNNING);
				assertThat(jobs.job(queued).status()).isEqualTo(TrainingJob.Status.QUEUED);
				assertThat(jobs.job(running).failure()).isNull();
			}

			// The server frees a closed session's locks when its backend exits, a moment
			// after the client has closed it.
			int[] failed = { 0 };
			await().atMost(Duration.ofSeconds(5)).until(() -> (failed[0] += stopped.failJobsOfStoppedReplicas()) >= 2);
			assertThat(failed[0]).isEqualTo(2);
			for (long id : List.of(running, queued)) {
				TrainingJob job = jobs.job(id);
				assertThat(job.status()).isEqualTo(TrainingJob.Status.FAILED);
				assertThat(job.failure().type()).isEqualTo(INTERRUPTED);
				assertThat(job.finishedAt()).isNotNull();
			}
			assertThat(stopped.failJobsOfStoppedReplicas()).isZero();
		}
	}

	@Test
	void marksItsOwnUnfinishedJobsFailedOnAGracefulStop() throws SQLException {
		TestDatabase database = TestDatabase.create();
		int key;
		long running;
		long queued;
		long finished;
		int otherReplica = unheldKey();
		long others;
		try (Connection otherReplicaSession = connect(database)) {
			try (ConfigurableApplicationContext context = start(database)) {
				key = context.getBean(JobOwnership.class).key();
				running = insertJob(database, "running", key);
				queued = insertJob(database, "queued", key);
				finished = insertJob(database, "failed", key);
				lock(otherReplicaSession, otherReplica);
				others = insertJob(database, "running", otherReplica);
			}

			assertThat(status(database, running)).isEqualTo("failed " + INTERRUPTED);
			assertThat(status(database, queued)).isEqualTo("failed " + INTERRUPTED);
			assertThat(status(database, finished)).isEqualTo("failed " + ProblemAssert.PROBLEMS + "training-failed");
			assertThat(status(database, others)).isEqualTo("running null");
			// The stopped replica let go of its lock: anyone can take it now.
			assertThat(tryLock(otherReplicaSession, key)).isTrue();
		}
	}

	/**
	 * The lock goes with the session that holds it: a database restart or a cut
	 * connection frees it while the replica lives on. The replica must take it again, or
	 * other replicas fail its jobs while it runs them.
	 */
	@Test
	void takesItsLockAgainWhenItsSessionEndsAndKeepsItsJobs() throws SQLException {
		TestDatabase database = TestDatabase.create();
		try (ConfigurableApplicationContext first = start(database)) {
			TrainingJobs jobs = first.getBean(TrainingJobs.class);
			int key = first.getBean(JobOwnership.class).key();
			assertThat(terminateLockHolder(database, key)).isTrue();
			awaitLockReleased(database, key);

			// The periodic check of the living replica.
			first.getBean(StoppedReplicaJobs.class).failJobsOfStoppedReplicas();

			assertThat(lockHolders(database, key)).isEqualTo(1);
			long running = insertJob(database, "running", key);
			try (ConfigurableApplicationContext second = start(database)) {
				assertThat(second.getBean(StoppedReplicaJobs.class).failJobsOfStoppedReplicas()).isZero();
				assertThat(jobs.job(running).status()).isEqualTo(TrainingJob.Status.RUNNING);
			}
		}
	}

	private static ConfigurableApplicationContext start(TestDatabase database) {
		return Replicas.start(database, "--reproserve.training.orphan-check-interval=1h");
	}

	private static Connection connect(TestDatabase database) throws SQLException {
		return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
	}

	/** A key no session holds (a random one: the keys replicas take are random too). */
	private static int unheldKey() {
		return ThreadLocalRandom.current().nextInt();
	}

	/** A job row as a replica with that owner key leaves it. */
	private static long insertJob(TestDatabase database, String status, int ownerKey) throws SQLException {
		try (Connection connection = connect(database);
				PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO training_jobs (model_name, dataset_id, spec, status, stage, progress, failure,"
								+ " owner_key, owner_node, requested_by, created_at, started_at) VALUES ('iris', ?,"
								+ " '{}'::jsonb, ?, 'fitting the model', 0.1, ?::jsonb, ?, 'replica-b', 'tests', now(),"
								+ " now()) RETURNING id")) {
			insert.setString(1, "a".repeat(64));
			insert.setString(2, status);
			insert.setString(3,
					status.equals("failed") ? "{\"type\": \"" + ProblemAssert.PROBLEMS
							+ "training-failed\", \"title\": \"Training failed\","
							+ " \"detail\": \"earlier\", \"problems\": []}" : null);
			insert.setInt(4, ownerKey);
			try (ResultSet id = insert.executeQuery()) {
				id.next();
				return id.getLong(1);
			}
		}
	}

	/** The job's status and failure type, as stored. */
	private static String status(TestDatabase database, long id) throws SQLException {
		try (Connection connection = connect(database);
				PreparedStatement select = connection.prepareStatement(
						"SELECT status || ' ' || coalesce(failure ->> 'type', 'null') FROM training_jobs WHERE id = ?")) {
			select.setLong(1, id);
			try (ResultSet row = select.executeQuery()) {
				row.next();
				return row.getString(1);
			}
		}
	}

	private static void lock(Connection session, int key) throws SQLException {
		try (PreparedStatement lock = session.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
			lock.setInt(1, JOB_LOCK_SPACE);
			lock.setInt(2, key);
			lock.execute();
		}
	}

	private static boolean tryLock(Connection session, int key) throws SQLException {
		try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
			lock.setInt(1, JOB_LOCK_SPACE);
			lock.setInt(2, key);
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	/** How many sessions hold a replica's job lock. */
	private static int lockHolders(TestDatabase database, int key) throws SQLException {
		try (Connection connection = connect(database);
				PreparedStatement count = connection.prepareStatement(
						"SELECT count(*) FROM pg_locks" + " WHERE locktype = 'advisory' AND granted AND objsubid = 2"
								+ " AND classid = CAST(? AS integer)::oid AND objid = CAST(? AS integer)::oid"
								+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
			count.setInt(1, JOB_LOCK_SPACE);
			count.setInt(2, key);
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	/** A terminated session ends a moment after it is told to. */
	private static void awaitLockReleased(TestDatabase database, int key) {
		await().atMost(Duration.ofSeconds(10)).until(() -> lockHolders(database, key), (holders) -> holders == 0);
	}

	/**
	 * Ends the session that holds a replica's job lock, as a crash of its process does.
	 */
	private static boolean terminateLockHolder(TestDatabase database, int key) throws SQLException {
		List<Boolean> terminated = new ArrayList<>();
		try (Connection connection = connect(database);
				PreparedStatement kill = connection.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks"
						+ " WHERE locktype = 'advisory' AND granted AND objsubid = 2"
						+ " AND classid = CAST(? AS integer)::oid AND objid = CAST(? AS integer)::oid"
						+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
			kill.setInt(1, JOB_LOCK_SPACE);
			kill.setInt(2, key);
			try (ResultSet rows = kill.executeQuery()) {
				while (rows.next()) {
					terminated.add(rows.getBoolean(1));
				}
			}
		}
		return terminated.equals(List.of(true));
	}

}
