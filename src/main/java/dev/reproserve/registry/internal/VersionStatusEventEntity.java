package dev.reproserve.registry.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

@Entity
@Immutable
@Table(name = "version_status_events")
public class VersionStatusEventEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "version_id")
	private Long versionId;

	private String status;

	private String detail;

	@Column(name = "reported_by")
	private String reportedBy;

	private Instant at;

	protected VersionStatusEventEntity() {
	}

	public VersionStatusEventEntity(Long versionId, String status, String detail, String reportedBy, Instant at) {
		this.versionId = versionId;
		this.status = status;
		this.detail = detail;
		this.reportedBy = reportedBy;
		this.at = at;
	}

	public Long getVersionId() {
		return this.versionId;
	}

	public String getStatus() {
		return this.status;
	}

	public String getDetail() {
		return this.detail;
	}

	public String getReportedBy() {
		return this.reportedBy;
	}

	public Instant getAt() {
		return this.at;
	}

}
