package dev.reproserve.support;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A model with one version and its bundle, written with raw SQL: for tests of what the
 * database itself allows, which need rows to point at and no model to load.
 */
public final class RawVersions {

	/** The ids of the rows written. */
	public record Inserted(long modelId, long versionId) {
	}

	private RawVersions() {
	}

	/**
	 * A model of that name (with a random suffix) and its version 1, of a 3-byte bundle.
	 */
	public static Inserted insert(JdbcTemplate jdbc, String prefix) {
		String name = prefix + UUID.randomUUID().toString().substring(0, 8);
		String sha = UUID.randomUUID().toString().replace("-", "").repeat(2);
		long modelId = jdbc.queryForObject(
				"INSERT INTO models (name, created_at, created_by, last_version) VALUES (?, now(), 'test', 1) RETURNING id",
				Long.class, name);
		jdbc.update("INSERT INTO bundles (sha256, content, size_bytes, created_at) VALUES (?, ?, 3, now())", sha,
				new byte[] { 1, 2, 3 });
		long versionId = jdbc.queryForObject(
				"INSERT INTO model_versions (model_id, version, bundle_sha256,"
						+ " size_bytes, model_fingerprint, manifest, created_at, created_by)"
						+ " VALUES (?, 1, ?, 3, ?, '{}'::jsonb, now(), 'test') RETURNING id",
				Long.class, modelId, sha, "a".repeat(64));
		return new Inserted(modelId, versionId);
	}

}
