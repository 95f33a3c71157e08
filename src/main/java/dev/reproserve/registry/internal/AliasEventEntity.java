package dev.reproserve.registry.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

@Entity
@Immutable
@Table(name = "alias_events")
public class AliasEventEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "model_id")
	private Long modelId;

	private String alias;

	@Column(name = "from_version")
	private Integer fromVersion;

	@Column(name = "to_version")
	private int toVersion;

	private String actor;

	private String reason;

	private Instant at;

	@ColumnTransformer(write = "?::jsonb")
	private String compatibility;

	protected AliasEventEntity() {
	}

	public AliasEventEntity(Long modelId, String alias, Integer fromVersion, int toVersion, String actor, String reason,
			Instant at, String compatibility) {
		this.compatibility = compatibility;
		this.modelId = modelId;
		this.alias = alias;
		this.fromVersion = fromVersion;
		this.toVersion = toVersion;
		this.actor = actor;
		this.reason = reason;
		this.at = at;
	}

	public Long getId() {
		return this.id;
	}

	public String getAlias() {
		return this.alias;
	}

	public Integer getFromVersion() {
		return this.fromVersion;
	}

	public int getToVersion() {
		return this.toVersion;
	}

	public String getActor() {
		return this.actor;
	}

	public String getReason() {
		return this.reason;
	}

	public Instant getAt() {
		return this.at;
	}

	/**
	 * The schema compatibility report of the move, as JSON; null for a new alias and
	 * older events.
	 */
	public String getCompatibility() {
		return this.compatibility;
	}

}
