package dev.reproserve.registry;

import java.time.Instant;

/**
 * The version an alias pointed at at a moment, and the change that put it there.
 *
 * @param model the model
 * @param alias the alias
 * @param at the moment asked about
 * @param version the version it pointed at then
 * @param event the last change of the alias recorded at or before that moment
 */
public record AliasAt(String model, String alias, Instant at, int version, AliasEvent event) {
}
