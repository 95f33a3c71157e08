/**
 * Serving: verified models held in memory, strict schema validation and prediction by
 * version or alias.
 */
@ApplicationModule(allowedDependencies = { "bundle", "shared", "registry" })
@NullMarked
package dev.reproserve.serving;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
