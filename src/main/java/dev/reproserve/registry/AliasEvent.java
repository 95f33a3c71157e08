package dev.reproserve.registry;

import java.time.Instant;

/**
 * One alias change, as recorded append-only. {@code fromVersion} is null for a new alias.
 */
public record AliasEvent(String alias, Integer fromVersion, int toVersion, String actor, String reason, Instant at) {
}
