package dev.reproserve.registry.internal;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AliasEventRepository extends JpaRepository<AliasEventEntity, Long> {

	Page<AliasEventEntity> findByModelIdOrderByIdDesc(Long modelId, Pageable pageable);

}
