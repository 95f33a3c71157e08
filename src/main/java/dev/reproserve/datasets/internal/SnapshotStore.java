package dev.reproserve.datasets.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.datasets.DatasetColumn;
import dev.reproserve.datasets.DatasetSnapshot;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The {@code dataset_snapshots} table, in plain SQL: the content column is read only when
 * the data is asked for, never when snapshots are listed.
 */
@Component
public class SnapshotStore {

	private static final String COLUMNS = "id, kind, name, source, query, as_of, columns::text AS columns, row_count, "
			+ "size_bytes, octet_length(content)::bigint AS stored_bytes, created_at, created_by";

	private static final TypeReference<List<DatasetColumn>> COLUMN_LIST = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final RowMapper<DatasetSnapshot> snapshots = this::snapshot;

	SnapshotStore(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Inserts a snapshot unless one with its id exists.
	 * @param content the gzip-compressed canonical CSV, or null for a reference
	 * @return whether a row was inserted
	 */
	public boolean insertIfAbsent(DatasetSnapshot snapshot, byte[] content) {
		return this.jdbc.update(
				"INSERT INTO dataset_snapshots (id, kind, name, source, query, as_of, columns, "
						+ "row_count, size_bytes, content, created_at, created_by) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
				snapshot.id(), snapshot.kind().json(), snapshot.name(), snapshot.source(), snapshot.query(),
				timestamp(snapshot.asOf()), this.json.writeValueAsString(snapshot.columns()), snapshot.rowCount(),
				snapshot.sizeBytes(), content, timestamp(snapshot.createdAt()), snapshot.createdBy()) == 1;
	}

	public Optional<DatasetSnapshot> find(String id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM dataset_snapshots WHERE id = ?", this.snapshots, id)
			.stream()
			.findFirst();
	}

	/** Newest first; snapshots taken in the same microsecond in id order. */
	public List<DatasetSnapshot> newestFirst(long offset, int limit) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM dataset_snapshots ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
				this.snapshots, limit, offset);
	}

	public long count() {
		return this.jdbc.queryForObject("SELECT count(*) FROM dataset_snapshots", Long.class);
	}

	/** The stored (gzip-compressed) content; empty for references and unknown ids. */
	public Optional<byte[]> content(String id) {
		return this.jdbc
			.query("SELECT content FROM dataset_snapshots WHERE id = ? AND content IS NOT NULL",
					(rs, row) -> rs.getBytes(1), id)
			.stream()
			.findFirst();
	}

	private DatasetSnapshot snapshot(ResultSet rs, int row) throws SQLException {
		return new DatasetSnapshot(rs.getString("id"), DatasetSnapshot.Kind.of(rs.getString("kind")),
				rs.getString("name"), rs.getString("source"), rs.getString("query"), instant(rs, "as_of"),
				this.json.readValue(rs.getString("columns"), COLUMN_LIST), rs.getObject("row_count", Long.class),
				rs.getObject("size_bytes", Long.class), rs.getObject("stored_bytes", Long.class),
				instant(rs, "created_at"), rs.getString("created_by"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

}
