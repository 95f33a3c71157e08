package dev.reproserve.training.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.training.TrainingJob;
import dev.reproserve.training.TrainingJob.Status;
import dev.reproserve.shared.Timestamps;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The training_jobs table. Every status change is a single UPDATE guarded by the status
 * it leaves, so a job never goes back (a failed job stays failed, even if a replica that
 * was thought dead comes back and finishes it).
 */
@Component
public class JobStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	JobStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public long insert(String modelName, String datasetId, String specJson, int ownerKey, String ownerNode,
			String requestedBy) {
		return this.jdbc.queryForObject(
				"INSERT INTO training_jobs (model_name, dataset_id, spec, status, stage, progress, owner_key, owner_node,"
						+ " requested_by, created_at) VALUES (?, ?, ?::jsonb, 'queued', 'waiting for a worker', 0, ?, ?, ?, ?)"
						+ " RETURNING id",
				Long.class, modelName, datasetId, specJson, ownerKey, ownerNode, requestedBy, now());
	}

	/** A queued job no replica owns yet: a training replica will claim it. */
	public long insertUnclaimed(String modelName, String datasetId, String specJson, String requestedBy) {
		return this.jdbc.queryForObject(
				"INSERT INTO training_jobs (model_name, dataset_id, spec, status, stage, progress, requested_by,"
						+ " created_at) VALUES (?, ?, ?::jsonb, 'queued', 'waiting for a training replica', 0, ?, ?)"
						+ " RETURNING id",
				Long.class, modelName, datasetId, specJson, requestedBy, now());
	}

	/** A job this replica claimed: what it needs to run it. */
	public record Claimed(long id, String modelName, String datasetId, String specJson, String requestedBy) {
	}

	/**
	 * Takes the oldest unclaimed queued job for this replica. Rows locked by another
	 * replica's claim are skipped, so no two replicas ever claim one job.
	 */
	public Optional<Claimed> claimNext(int ownerKey, String ownerNode) {
		return this.jdbc
			.query("""
					UPDATE training_jobs SET owner_key = ?, owner_node = ?, stage = 'waiting for a worker'
					WHERE id = (SELECT id FROM training_jobs WHERE status = 'queued' AND owner_key IS NULL
					            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
					RETURNING id, model_name, dataset_id, spec::text AS spec, requested_by""",
					(rs, row) -> new Claimed(rs.getLong("id"), rs.getString("model_name"), rs.getString("dataset_id"),
							rs.getString("spec"), rs.getString("requested_by")),
					ownerKey, ownerNode)
			.stream()
			.findFirst();
	}

	/** Gives a claimed job back, for another replica (or this one) to claim later. */
	public void unclaim(long id) {
		this.jdbc.update("UPDATE training_jobs SET owner_key = NULL, owner_node = NULL,"
				+ " stage = 'waiting for a training replica' WHERE id = ? AND status = 'queued'", id);
	}

	public Optional<TrainingJob> find(long id) {
		return this.jdbc.query("SELECT * FROM training_jobs WHERE id = ?", JobStore::job, id).stream().findFirst();
	}

	public List<TrainingJob> newestFirst(long offset, int limit) {
		return this.jdbc.query("SELECT * FROM training_jobs ORDER BY id DESC OFFSET ? LIMIT ?", JobStore::job, offset,
				limit);
	}

	public long count() {
		return this.jdbc.queryForObject("SELECT count(*) FROM training_jobs", Long.class);
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

	public boolean succeed(long id, int version, String bundleSha256, Map<String, Double> metrics, String stage) {
		return this.jdbc.update(
				"UPDATE training_jobs SET status = 'succeeded', stage = ?, progress = 1, version = ?, bundle_sha256 = ?,"
						+ " metrics = ?::jsonb, finished_at = ? WHERE id = ? AND status = 'running'",
				stage, version, bundleSha256, JSON.writeValueAsString(metrics), now(), id) == 1;
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

	/** Marks every unfinished job of an owner failed; returns how many. */
	public int failAllOf(int ownerKey, TrainingJob.Failure failure) {
		return this.jdbc.update(
				"UPDATE training_jobs SET status = 'failed', stage = 'failed', failure = ?::jsonb, finished_at = ?"
						+ " WHERE owner_key = ? AND status IN ('queued', 'running')",
				JSON.writeValueAsString(failure), now(), ownerKey);
	}

	private static TrainingJob job(ResultSet rs, int row) throws SQLException {
		String metrics = rs.getString("metrics");
		String failure = rs.getString("failure");
		Integer version = rs.getObject("version", Integer.class);
		return new TrainingJob(rs.getLong("id"), rs.getString("model_name"), rs.getString("dataset_id"),
				Status.of(rs.getString("status")), rs.getString("stage"), rs.getDouble("progress"), version,
				rs.getString("bundle_sha256"),
				(metrics != null) ? JSON.readValue(metrics, new TypeReference<Map<String, Double>>() {
				}) : null, (failure != null) ? JSON.readValue(failure, TrainingJob.Failure.class) : null,
				rs.getString("requested_by"), instant(rs, "created_at"), instant(rs, "started_at"),
				instant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Timestamp now() {
		return Timestamp.from(Timestamps.now());
	}

}
