package dev.reproserve.registry.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AliasRepository extends JpaRepository<AliasEntity, Long> {

	List<AliasEntity> findByModelIdOrderByAliasAsc(Long modelId);

	Optional<AliasEntity> findByModelIdAndAlias(Long modelId, String alias);

}
