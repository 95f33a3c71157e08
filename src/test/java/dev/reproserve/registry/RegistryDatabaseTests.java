package dev.reproserve.registry;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reproserve.support.RawVersions;
import dev.reproserve.support.TestDatabaseConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The migration on real PostgreSQL, and immutability enforced by the database itself:
 * whatever client writes raw SQL, registered versions, bundles and audit events cannot be
 * changed or removed. Each test's rows roll back with its transaction.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(TestDatabaseConfiguration.class)
class RegistryDatabaseTests {

	@Autowired
	JdbcTemplate jdbc;

	private long modelId;

	private long versionId;

	@BeforeEach
	void registerOneVersion() {
		RawVersions.Inserted inserted = RawVersions.insert(this.jdbc, "db-");
		this.modelId = inserted.modelId();
		this.versionId = inserted.versionId();
		this.jdbc.update("INSERT INTO version_status_events (version_id, status, detail, reported_by, at) "
				+ "VALUES (?, 'verified', 'ok', 'test', now())", this.versionId);
		this.jdbc.update("INSERT INTO alias_events (model_id, alias, to_version, actor, reason, at) "
				+ "VALUES (?, 'production', 1, 'test', 'first', now())", this.modelId);
	}

	@ParameterizedTest
	@ValueSource(strings = { "model_versions", "bundles", "alias_events", "version_status_events" })
	void refusesUpdate(String table) {
		String column = switch (table) {
			case "bundles" -> "created_at = now()";
			case "alias_events" -> "reason = 'rewritten'";
			case "version_status_events" -> "detail = 'rewritten'";
			default -> "created_by = 'someone else'";
		};
		assertThatThrownBy(() -> this.jdbc.update("UPDATE " + table + " SET " + column))
			.hasMessageContaining("UPDATE on " + table + " is refused: the table is append-only");
	}

	@ParameterizedTest
	@ValueSource(strings = { "model_versions", "bundles", "alias_events", "version_status_events" })
	void refusesDelete(String table) {
		assertThatThrownBy(() -> this.jdbc.update("DELETE FROM " + table))
			.hasMessageContaining("DELETE on " + table + " is refused");
	}

	@ParameterizedTest
	@ValueSource(strings = { "model_versions", "bundles", "alias_events", "version_status_events" })
	void refusesTruncate(String table) {
		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE " + table + " CASCADE"))
			.hasMessageContaining("TRUNCATE on");
	}

	@Test
	void refusesTruncateThroughTheModelsTable() {
		assertThatThrownBy(() -> this.jdbc.execute("TRUNCATE models CASCADE")).hasMessageContaining("append-only");
	}

	@Test
	void refusesChangingTheManifestOfARegisteredVersion() {
		this.jdbc.execute("SAVEPOINT before_tampering");
		assertThatThrownBy(() -> this.jdbc
			.update("UPDATE model_versions SET manifest = '{\"tampered\": true}' WHERE id = ?", this.versionId))
			.hasMessageContaining("append-only");
		this.jdbc.execute("ROLLBACK TO SAVEPOINT before_tampering");
		assertThat(this.jdbc.queryForObject("SELECT manifest::text FROM model_versions WHERE id = ?", String.class,
				this.versionId))
			.isEqualTo("{}");
	}

	@Test
	void aliasCanOnlyNameAVersionOfItsOwnModel() {
		long otherModel = this.jdbc.queryForObject(
				"INSERT INTO models (name, created_at, created_by) VALUES (?, now(), 'test') RETURNING id", Long.class,
				"other-" + UUID.randomUUID().toString().substring(0, 8));

		assertThatThrownBy(() -> this.jdbc.update(
				"INSERT INTO aliases (model_id, alias, version_id, updated_at, updated_by) VALUES (?, 'production', ?, now(), 'test')",
				otherModel, this.versionId))
			.hasMessageContaining("foreign key");
	}

	@Test
	void refusesModelNamesOutsideTheNamingRule() {
		assertThatThrownBy(() -> this.jdbc
			.update("INSERT INTO models (name, created_at, created_by) VALUES ('Bad Name', now(), 'test')"))
			.hasMessageContaining("models_name_check");
	}

	@Test
	void aliasesStayMutable() {
		this.jdbc.update(
				"INSERT INTO aliases (model_id, alias, version_id, updated_at, updated_by) VALUES (?, 'staging', ?, now(), 'test')",
				this.modelId, this.versionId);

		assertThat(this.jdbc.update("UPDATE aliases SET updated_by = 'ops' WHERE model_id = ?", this.modelId))
			.isEqualTo(1);
	}

}
