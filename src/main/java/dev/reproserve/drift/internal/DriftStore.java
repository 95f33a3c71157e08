package dev.reproserve.drift.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.reproserve.bundle.LiveCounts;
import dev.reproserve.bundle.TrainingProfile;
import dev.reproserve.registry.Replica;
import dev.reproserve.serving.LiveTraffic;
import dev.reproserve.shared.Timestamps;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The drift tables: live windows appended by every replica, and the training profiles
 * computed for versions whose bundle has none. Both append-only, but for windows older
 * than the retention.
 */
@Component
public class DriftStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	DriftStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Appends this replica's windows, all or none: one INSERT of every row, atomic on its
	 * own, so that a connection lost halfway leaves no transaction to roll back.
	 */
	public void append(List<LiveTraffic.Window> windows) {
		if (windows.isEmpty()) {
			return;
		}
		String replica = Replica.name();
		StringBuilder sql = new StringBuilder("INSERT INTO drift_windows (version_id, replica, window_start,"
				+ " window_end, requests, instances, counts) VALUES ");
		List<Object> args = new ArrayList<>();
		for (LiveTraffic.Window window : windows) {
			LiveCounts counts = window.counts();
			sql.append((args.isEmpty()) ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?::jsonb)");
			args.addAll(List.of(window.ref().versionId(), replica, Timestamp.from(Timestamps.stored(window.start())),
					Timestamp.from(Timestamps.stored(window.end())), counts.requests(), counts.instances(),
					JSON.writeValueAsString(counts)));
		}
		this.jdbc.update(sql.toString(), args.toArray());
	}

	/** One stored window. */
	public record StoredWindow(long id, String replica, Instant start, Instant end, LiveCounts counts) {
	}

	private static final String WINDOWS = "SELECT id, replica, window_start, window_end, counts FROM drift_windows"
			+ " WHERE version_id = ? AND window_end > ? AND window_start < ?";

	/** The windows of a version that overlap the period, oldest first. */
	public List<StoredWindow> windows(long versionId, Instant from, Instant to) {
		return this.jdbc.query(WINDOWS + " ORDER BY window_end, id", DriftStore::window, versionId,
				Timestamp.from(from), Timestamp.from(to));
	}

	/**
	 * The windows of a version that overlap the period and were stored after the window
	 * {@code afterId} or ended after {@code recent}: what a running sum has not seen yet,
	 * and the latest windows again in case one committed after a later one was read.
	 */
	public List<StoredWindow> windowsSince(long versionId, Instant from, Instant to, long afterId, Instant recent) {
		return this.jdbc.query(WINDOWS + " AND (id > ? OR window_end > ?) ORDER BY window_end, id", DriftStore::window,
				versionId, Timestamp.from(from), Timestamp.from(to), afterId, Timestamp.from(recent));
	}

	/** The counts of stored windows by id; a window no longer stored is absent. */
	public Map<Long, LiveCounts> counts(Collection<Long> ids) {
		Map<Long, LiveCounts> counts = new HashMap<>();
		this.jdbc.query(
				"SELECT id, counts FROM drift_windows WHERE id = ANY (?)", (RowCallbackHandler) (rs) -> counts
					.put(rs.getLong("id"), JSON.readValue(rs.getString("counts"), LiveCounts.class)),
				(Object) ids.toArray(Long[]::new));
		return counts;
	}

	private static StoredWindow window(ResultSet rs, int row) throws SQLException {
		return new StoredWindow(rs.getLong("id"), rs.getString("replica"), rs.getTimestamp("window_start").toInstant(),
				rs.getTimestamp("window_end").toInstant(), JSON.readValue(rs.getString("counts"), LiveCounts.class));
	}

	/**
	 * Deletes up to {@code batch} windows of every version that ended before the horizon
	 * (and over a day ago, which the database holds to), oldest first, in one short
	 * transaction of its own; V11's trigger lets nothing else be deleted.
	 * @return the windows deleted, or -1 if another replica is deleting expired windows
	 * right now (nothing was done)
	 */
	public int expire(Instant horizon, int batch) {
		Integer deleted = this.jdbc.queryForObject("SELECT reproserve_expire_drift_windows(?, ?)", Integer.class,
				Timestamp.from(horizon), batch);
		return (deleted != null) ? deleted : 0;
	}

	/** The profile computed for a version, if one was. */
	public Optional<TrainingProfile> profile(long versionId) {
		return this.jdbc
			.query("SELECT profile FROM training_profiles WHERE version_id = ?",
					(rs, row) -> JSON.readValue(rs.getString("profile"), TrainingProfile.class), versionId)
			.stream()
			.findFirst();
	}

	/**
	 * Stores a computed profile unless another replica stored one first, and answers the
	 * one stored: every replica uses the same.
	 */
	public TrainingProfile saveProfile(long versionId, TrainingProfile profile) {
		this.jdbc.update(
				"INSERT INTO training_profiles (version_id, profile, computed_by, computed_at)"
						+ " VALUES (?, ?::jsonb, ?, ?) ON CONFLICT (version_id) DO NOTHING",
				versionId, JSON.writeValueAsString(profile), Replica.name(), Timestamp.from(Timestamps.now()));
		return profile(versionId).orElse(profile);
	}

}
