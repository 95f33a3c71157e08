/**
 * The model registry in PostgreSQL: models, immutable versions with their append-only
 * status events, aliases and the alias timeline.
 */
@ApplicationModule(allowedDependencies = { "bundle", "shared", "web" })
@NullMarked
package dev.reproserve.registry;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
