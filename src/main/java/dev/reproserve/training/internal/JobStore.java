package dev.reproserve.training.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.shared.Timestamps;
import dev.reproserve.training.ClaimedJob;
import dev.reproserve.training.JobKind;
import dev.reproserve.training.JobResult;
import dev.reproserve.training.NewJob;
import dev.reproserve.training.QueuedJob;
import dev.reproserve.training.TrainingJob;
import dev.reproserve.training.TrainingJob.Status;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The training_jobs table: the one queue, jobs of both kinds. Every status change is a
 * single UPDATE guarded by the status it leaves, so a job never goes back (a failed job
 * stays failed, even if a replica that was thought dead comes back and finishes it).
 */
@Component
public class JobStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String COLUMNS = "kind, model_name, dataset_id, version, spec, requested_by";

	private final JdbcTemplate jdbc;

	JobStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A queued job that this replica runs. */
	public long insert(NewJob job, int ownerKey, String ownerNode) {
		return this.jdbc.queryForObject("INSERT INTO training_jobs (" + COLUMNS + ", status, stage, progress,"
				+ " owner_key, owner_node, created_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, 'queued', 'waiting for a worker',"
				+ " 0, ?, ?, ?) RETURNING id", Long.class, values(job, ownerKey, ownerNode, now()));
	}

	/** A queued training no replica owns yet: a training replica will claim it. */
	public long insertUnclaimed(String modelName, String datasetId, String specJson, String requestedBy) {
		return insertUnclaimed(new NewJob(JobKind.TRAINING, modelName, datasetId, null, specJson, requestedBy, false));
	}

	/** A queued job no replica owns yet: a training replica will claim it. */
	public long insertUnclaimed(NewJob job) {
		return this.jdbc.queryForObject("INSERT INTO training_jobs (" + COLUMNS + ", status, stage, progress,"
				+ " created_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, 'queued', 'waiting for a training replica', 0, ?)"
				+ " RETURNING id", Long.class, values(job, now()));
	}

	/** A job that this replica did at once, without a worker: it succeeded already. */
	public long insertSucceeded(NewJob job, JobResult result, int ownerKey, String ownerNode) {
		Timestamp now = now();
		return this.jdbc.queryForObject(
				"INSERT INTO training_jobs (" + COLUMNS + ", status, stage, progress,"
						+ " owner_key, owner_node, created_at, started_at, finished_at, reproduction_id) VALUES"
						+ " (?, ?, ?, ?, ?::jsonb, ?, 'succeeded', ?, 1, ?, ?, ?, ?, ?, ?) RETURNING id",
				Long.class, values(job, result.stage(), ownerKey, ownerNode, now, now, now, result.reproductionId()));
	}

	private static Object[] values(NewJob job, @Nullable Object... more) {
		Object[] values = new Object[6 + more.length];
		values[0] = job.kind().json();
		values[1] = job.modelName();
		values[2] = job.datasetId();
		values[3] = job.version();
		values[4] = job.specJson();
		values[5] = job.requestedBy();
		System.arraycopy(more, 0, values, 6, more.length);
		return values;
	}

	/**
	 * Takes the oldest unclaimed queued job that may run now for this replica. Rows
	 * locked by another replica's claim are skipped, so no two replicas ever claim one
	 * job.
	 */
	public Optional<ClaimedJob> claimNext(int ownerKey, String ownerNode) {
		return this.jdbc
			.query("""
					UPDATE training_jobs SET owner_key = ?, owner_node = ?, stage = 'waiting for a worker'
					WHERE id = (SELECT id FROM training_jobs WHERE status = 'queued' AND owner_key IS NULL
					            AND (not_before IS NULL OR not_before <= ?)
					            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
					RETURNING id, kind, model_name, dataset_id, version, spec::text AS spec, requested_by, attempts""",
					(rs, row) -> new ClaimedJob(rs.getLong("id"), JobKind.of(rs.getString("kind")),
							rs.getString("model_name"), rs.getString("dataset_id"),
							rs.getObject("version", Integer.class), rs.getString("spec"), rs.getString("requested_by"),
							rs.getInt("attempts")),
					ownerKey, ownerNode, now())
			.stream()
			.findFirst();
	}

	/** Gives a claimed job back, for another replica (or this one) to claim later. */
	public void unclaim(long id) {
		this.jdbc.update("UPDATE training_jobs SET owner_key = NULL, owner_node = NULL,"
				+ " stage = 'waiting for a training replica' WHERE id = ? AND status = 'queued'", id);
	}

	/**
	 * Gives a claimed job back to be claimed again no sooner than {@code notBefore}.
	 */
	public boolean retryLater(long id, int attempts, Instant notBefore, String stage) {
		return this.jdbc.update(
				"UPDATE training_jobs SET owner_key = NULL, owner_node = NULL, attempts = ?,"
						+ " not_before = ?, stage = ? WHERE id = ? AND status = 'queued'",
				attempts, Timestamp.from(notBefore), stage, id) == 1;
	}

	public Optional<QueuedJob> find(long id) {
		return this.jdbc.query("SELECT * FROM training_jobs WHERE id = ?", JobStore::job, id).stream().findFirst();
	}

	/** Jobs of one kind, newest first. */
	public List<QueuedJob> newestFirst(JobKind kind, long offset, int limit) {
		return this.jdbc.query("SELECT * FROM training_jobs WHERE kind = ? ORDER BY id DESC OFFSET ? LIMIT ?",
				JobStore::job, kind.json(), offset, limit);
	}

	public long count(JobKind kind) {
		return this.jdbc.queryForObject("SELECT count(*) FROM training_jobs WHERE kind = ?", Long.class, kind.json());
	}

	public boolean start(long id) {
		return this.jdbc.update("UPDATE training_jobs SET status = 'running', started_at = ?, stage = 'starting'"
				+ " WHERE id = ? AND status = 'queued'", now(), id) == 1;
	}

	/**
	 * Records a running job's stage.
	 * @return whether the job is still running (false once it was marked failed)
	 */
	public boolean progress(long id, String stage, double progress) {
		return this.jdbc.update("UPDATE training_jobs SET stage = ?, progress = ? WHERE id = ? AND status = 'running'",
				stage, progress, id) == 1;
	}

	public boolean succeed(long id, JobResult result) {
		return this.jdbc.update(
				"UPDATE training_jobs SET status = 'succeeded', stage = ?, progress = 1, version = coalesce(?, version),"
						+ " bundle_sha256 = ?, metrics = ?::jsonb, reproduction_id = ?, finished_at = ?"
						+ " WHERE id = ? AND status = 'running'",
				result.stage(), result.version(), result.bundleSha256(),
				(result.metrics() != null) ? JSON.writeValueAsString(result.metrics()) : null, result.reproductionId(),
				now(), id) == 1;
	}

	public boolean fail(long id, TrainingJob.Failure failure) {
		return this.jdbc.update(
				"UPDATE training_jobs SET status = 'failed', stage = 'failed', failure = ?::jsonb, finished_at = ?"
						+ " WHERE id = ? AND status IN ('queued', 'running')",
				JSON.writeValueAsString(failure), now(), id) == 1;
	}

	/** Owners of jobs that are not finished, other than the given one. */
	public List<Integer> otherOwnersOfUnfinishedJobs(int ownerKey) {
		return this.jdbc.queryForList("SELECT DISTINCT owner_key FROM training_jobs"
				+ " WHERE status IN ('queued', 'running') AND owner_key <> ?", Integer.class, ownerKey);
	}

	/** Marks every unfinished job of an owner failed; returns the kind of each. */
	public List<JobKind> failAllOf(int ownerKey, TrainingJob.Failure failure) {
		return this.jdbc.query(
				"UPDATE training_jobs SET status = 'failed', stage = 'failed', failure = ?::jsonb, finished_at = ?"
						+ " WHERE owner_key = ? AND status IN ('queued', 'running') RETURNING kind",
				(rs, row) -> JobKind.of(rs.getString("kind")), JSON.writeValueAsString(failure), now(), ownerKey);
	}

	private static QueuedJob job(ResultSet rs, int row) throws SQLException {
		String metrics = rs.getString("metrics");
		String failure = rs.getString("failure");
		return new QueuedJob(rs.getLong("id"), JobKind.of(rs.getString("kind")), rs.getString("model_name"),
				rs.getString("dataset_id"), rs.getObject("version", Integer.class), Status.of(rs.getString("status")),
				rs.getString("stage"), rs.getDouble("progress"), rs.getString("bundle_sha256"),
				(metrics != null) ? JSON.readValue(metrics, new TypeReference<Map<String, Double>>() {
				}) : null, rs.getObject("reproduction_id", Long.class),
				(failure != null) ? JSON.readValue(failure, TrainingJob.Failure.class) : null,
				rs.getString("requested_by"), instant(rs, "created_at"), instant(rs, "started_at"),
				instant(rs, "finished_at"), rs.getInt("attempts"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Timestamp now() {
		return Timestamp.from(Timestamps.now());
	}

}
