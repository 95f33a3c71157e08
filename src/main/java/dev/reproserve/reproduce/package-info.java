/**
 * Reproductions: re-training a version from its record (snapshot, spec, seeds) and
 * comparing the result with what was registered, down to the verdict.
 */
@ApplicationModule(allowedDependencies = { "bundle", "datasets", "shared", "registry", "training", "web" })
@NullMarked
package dev.reproserve.reproduce;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
