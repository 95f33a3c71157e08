package dev.reproserve.registry.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AliasEventRepository extends JpaRepository<AliasEventEntity, Long> {

	Page<AliasEventEntity> findByModelIdOrderByIdDesc(Long modelId, Pageable pageable);

	/** The last change of an alias recorded at or before a time. */
	Optional<AliasEventEntity> findFirstByModelIdAndAliasAndAtLessThanEqualOrderByIdDesc(Long modelId, String alias,
			Instant at);

	/** The first change of an alias: when it was made. */
	Optional<AliasEventEntity> findFirstByModelIdAndAliasOrderByIdAsc(Long modelId, String alias);

}
