package dev.reproserve.registry.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one mutable pointer of the registry; every change also writes an alias event. */
@Entity
@Table(name = "aliases")
public class AliasEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "model_id")
	private Long modelId;

	private String alias;

	@Column(name = "version_id")
	private Long versionId;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(name = "updated_by")
	private String updatedBy;

	protected AliasEntity() {
	}

	public AliasEntity(Long modelId, String alias) {
		this.modelId = modelId;
		this.alias = alias;
	}

	public void pointAt(Long versionId, String actor, Instant at) {
		this.versionId = versionId;
		this.updatedBy = actor;
		this.updatedAt = at;
	}

	public Long getModelId() {
		return this.modelId;
	}

	public String getAlias() {
		return this.alias;
	}

	public Long getVersionId() {
		return this.versionId;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public String getUpdatedBy() {
		return this.updatedBy;
	}

}
