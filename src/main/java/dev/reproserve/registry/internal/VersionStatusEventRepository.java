package dev.reproserve.registry.internal;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface VersionStatusEventRepository extends JpaRepository<VersionStatusEventEntity, Long> {

	List<VersionStatusEventEntity> findByVersionIdOrderByIdDesc(Long versionId);

	/** The newest status event of each given version. */
	@Query("select e from VersionStatusEventEntity e where e.versionId in :versionIds and e.id = "
			+ "(select max(l.id) from VersionStatusEventEntity l where l.versionId = e.versionId)")
	List<VersionStatusEventEntity> findLatest(Collection<Long> versionIds);

}
