package dev.reproserve.registry.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Bundle bytes by SHA-256, kept out of the JPA entities so that listing versions never
 * reads megabytes of model data.
 */
@Component
public class BundleStore {

	private final JdbcTemplate jdbc;

	BundleStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the bytes unless that SHA-256 is stored already (the bytes are then equal).
	 */
	public void storeIfAbsent(String sha256, byte[] content, Instant at) {
		this.jdbc.update(
				"INSERT INTO bundles (sha256, content, size_bytes, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
				sha256, content, content.length, java.sql.Timestamp.from(at));
	}

	public Optional<byte[]> find(String sha256) {
		return this.jdbc.query("SELECT content FROM bundles WHERE sha256 = ?", (rs, row) -> rs.getBytes(1), sha256)
			.stream()
			.findFirst();
	}

}
