package dev.reproserve.security.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.reproserve.bundle.JsonEnum;
import dev.reproserve.security.ApiKey;
import dev.reproserve.security.Role;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The keys in PostgreSQL: {@code api_keys} rows that never change and the append-only
 * {@code api_key_events} (created, revoked) beside them.
 */
@Component
public class KeyStore {

	private static final String SELECT = """
			SELECT k.name, k.role, k.prefix, k.secret_sha256, k.created_at, k.created_by,
			       r.at AS revoked_at, r.actor AS revoked_by, r.reason AS revoke_reason
			FROM api_keys k LEFT JOIN api_key_events r ON r.key_id = k.id AND r.event = 'revoked'
			""";

	private final JdbcTemplate jdbc;

	KeyStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A key with its hash, as the directory holds it. */
	public record StoredKey(ApiKey key, String secretSha256) {
	}

	/** Inserts a key and its 'created' event. */
	@Transactional
	public void insert(String name, Role role, String prefix, String secretSha256, Instant at, String actor) {
		Long id = this.jdbc.queryForObject("""
				INSERT INTO api_keys (name, role, secret_sha256, prefix, created_at, created_by)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, name, role.json(), secretSha256, prefix,
				Timestamp.from(at), actor);
		this.jdbc.update("INSERT INTO api_key_events (key_id, event, actor, at) VALUES (?, 'created', ?, ?)", id, actor,
				Timestamp.from(at));
	}

	/** Appends a 'revoked' event; false when the key was revoked already. */
	public boolean revoke(String name, String actor, @Nullable String reason, Instant at) {
		return this.jdbc.update("""
				INSERT INTO api_key_events (key_id, event, actor, reason, at)
				SELECT k.id, 'revoked', ?, ?, ? FROM api_keys k WHERE k.name = ?
				ON CONFLICT (key_id) WHERE event = 'revoked' DO NOTHING""", actor, reason, Timestamp.from(at),
				name) == 1;
	}

	public boolean anyKey() {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM api_keys)", Boolean.class));
	}

	public Optional<StoredKey> find(String name) {
		return this.jdbc.query(SELECT + " WHERE k.name = ?", KeyStore::row, name).stream().findFirst();
	}

	public List<StoredKey> all() {
		return this.jdbc.query(SELECT + " ORDER BY k.id", KeyStore::row);
	}

	/** The newest event's id: it changes whenever a key is created or revoked. */
	public long lastEvent() {
		Long id = this.jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM api_key_events", Long.class);
		return (id != null) ? id : 0;
	}

	private static StoredKey row(ResultSet rs, int row) throws SQLException {
		Timestamp revoked = rs.getTimestamp("revoked_at");
		ApiKey key = new ApiKey(rs.getString("name"), JsonEnum.of(Role.class, rs.getString("role")),
				rs.getString("prefix"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
				(revoked != null) ? revoked.toInstant() : null, rs.getString("revoked_by"),
				rs.getString("revoke_reason"));
		return new StoredKey(key, rs.getString("secret_sha256"));
	}

}
