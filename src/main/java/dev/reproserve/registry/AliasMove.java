package dev.reproserve.registry;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of moving an alias.
 *
 * @param target where the alias points now
 * @param fromVersion where it pointed before, null if it is new
 * @param changed false when it already pointed at that version (nothing was recorded)
 */
public record AliasMove(AliasTarget target, @Nullable Integer fromVersion, boolean changed) {
}
