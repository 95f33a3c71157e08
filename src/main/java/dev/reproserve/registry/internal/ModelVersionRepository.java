package dev.reproserve.registry.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ModelVersionRepository extends JpaRepository<ModelVersionEntity, Long> {

	Optional<ModelVersionEntity> findByModelIdAndVersion(Long modelId, int version);

	Optional<ModelVersionEntity> findByModelIdAndBundleSha256(Long modelId, String bundleSha256);

	Page<ModelVersionEntity> findByModelIdOrderByVersionDesc(Long modelId, Pageable pageable);

	List<ModelVersionEntity> findByIdIn(Collection<Long> ids);

}
