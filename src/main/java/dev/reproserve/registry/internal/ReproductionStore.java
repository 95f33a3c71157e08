package dev.reproserve.registry.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.reproserve.registry.Reproduction;
import dev.reproserve.registry.ReproductionVerdict;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The append-only reproductions table. */
@Component
public class ReproductionStore {

	private final JdbcTemplate jdbc;

	ReproductionStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored row, without the model name and version the caller knows already. */
	public record Row(long id, long versionId, ReproductionVerdict verdict, String reason, String reproducedFingerprint,
			String differences, String requestedBy, String reportedBy, long durationMillis, Instant at) {
	}

	public long insert(long versionId, Reproduction.Outcome outcome, String differencesJson, String requestedBy,
			String reportedBy, Instant at) {
		return this.jdbc.queryForObject(
				"INSERT INTO reproductions (version_id, verdict, reason, reproduced_fingerprint, differences, requested_by,"
						+ " reported_by, duration_ms, at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) RETURNING id",
				Long.class, versionId, outcome.verdict().json(), outcome.reason(), outcome.reproducedFingerprint(),
				differencesJson, requestedBy, reportedBy, outcome.durationMillis(), Timestamp.from(at));
	}

	/** A version's reproductions, newest first. */
	public List<Row> byVersion(long versionId, int offset, int limit) {
		return this.jdbc.query("SELECT * FROM reproductions WHERE version_id = ? ORDER BY id DESC OFFSET ? LIMIT ?",
				ReproductionStore::row, versionId, offset, limit);
	}

	public Optional<Row> find(long versionId, long id) {
		return this.jdbc
			.query("SELECT * FROM reproductions WHERE version_id = ? AND id = ?", ReproductionStore::row, versionId, id)
			.stream()
			.findFirst();
	}

	public long countByVersion(long versionId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM reproductions WHERE version_id = ?", Long.class,
				versionId);
	}

	/** The newest reproduction of each given version that has one. */
	public Map<Long, Reproduction.Latest> latest(Collection<Long> versionIds) {
		Map<Long, Reproduction.Latest> latest = new HashMap<>();
		if (versionIds.isEmpty()) {
			return latest;
		}
		new NamedParameterJdbcTemplate(this.jdbc).query(
				"SELECT DISTINCT ON (version_id) version_id, id, verdict, at FROM reproductions"
						+ " WHERE version_id IN (:ids) ORDER BY version_id, id DESC",
				new MapSqlParameterSource("ids", versionIds), (rs) -> {
					latest.put(rs.getLong("version_id"), new Reproduction.Latest(rs.getLong("id"),
							ReproductionVerdict.of(rs.getString("verdict")), rs.getTimestamp("at").toInstant()));
				});
		return latest;
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getLong("version_id"), ReproductionVerdict.of(rs.getString("verdict")),
				rs.getString("reason"), rs.getString("reproduced_fingerprint"), rs.getString("differences"),
				rs.getString("requested_by"), rs.getString("reported_by"), rs.getLong("duration_ms"),
				rs.getTimestamp("at").toInstant());
	}

}
