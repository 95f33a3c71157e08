package dev.reproserve.registry.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface ModelRepository extends JpaRepository<ModelEntity, Long> {

	Optional<ModelEntity> findByName(String name);

	List<ModelEntity> findAllByOrderByNameAsc();

	/** Creates the model unless it exists; safe under concurrent first registrations. */
	@Modifying
	@Query(value = "INSERT INTO models (name, created_at, created_by) VALUES (:name, :at, :actor) ON CONFLICT (name) DO NOTHING",
			nativeQuery = true)
	int insertIfAbsent(String name, Instant at, String actor);

	/**
	 * Locks the model row: registrations and alias moves of one model run one at a time.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select m from ModelEntity m where m.name = :name")
	Optional<ModelEntity> lockByName(String name);

	/** Queues a notification, delivered to listeners when the transaction commits. */
	@Query(value = "SELECT pg_notify(:channel, :payload)", nativeQuery = true)
	Object notify(String channel, String payload);

}
