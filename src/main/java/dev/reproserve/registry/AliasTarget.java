package dev.reproserve.registry;

import java.time.Instant;

/** Where an alias points now. */
public record AliasTarget(String model, String alias, int version, String bundleSha256, Instant updatedAt,
		String updatedBy) {
}
