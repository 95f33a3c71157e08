package dev.reproserve.registry;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.reproserve.bundle.SchemaCompatibility;
import org.jspecify.annotations.Nullable;

/**
 * One alias change, as recorded append-only. {@code fromVersion} is null for a new alias.
 * {@code compatibility} is how the new version's input schema treats the requests the old
 * one accepted (null for a new alias, and for changes made before it was recorded).
 */
public record AliasEvent(String alias, Integer fromVersion, int toVersion, String actor, String reason, Instant at,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable SchemaCompatibility compatibility) {
}
