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

/**
 * A registered version. Never updated: the database refuses it, and so does Hibernate.
 */
@Entity
@Immutable
@Table(name = "model_versions")
public class ModelVersionEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "model_id")
	private Long modelId;

	private int version;

	@Column(name = "bundle_sha256")
	private String bundleSha256;

	@Column(name = "size_bytes")
	private long sizeBytes;

	@Column(name = "model_fingerprint")
	private String modelFingerprint;

	@ColumnTransformer(write = "?::jsonb")
	private String manifest;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "created_by")
	private String createdBy;

	protected ModelVersionEntity() {
	}

	public ModelVersionEntity(Long modelId, int version, String bundleSha256, long sizeBytes, String modelFingerprint,
			String manifest, Instant createdAt, String createdBy) {
		this.modelId = modelId;
		this.version = version;
		this.bundleSha256 = bundleSha256;
		this.sizeBytes = sizeBytes;
		this.modelFingerprint = modelFingerprint;
		this.manifest = manifest;
		this.createdAt = createdAt;
		this.createdBy = createdBy;
	}

	public Long getId() {
		return this.id;
	}

	public Long getModelId() {
		return this.modelId;
	}

	public int getVersion() {
		return this.version;
	}

	public String getBundleSha256() {
		return this.bundleSha256;
	}

	public long getSizeBytes() {
		return this.sizeBytes;
	}

	public String getModelFingerprint() {
		return this.modelFingerprint;
	}

	public String getManifest() {
		return this.manifest;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

}
