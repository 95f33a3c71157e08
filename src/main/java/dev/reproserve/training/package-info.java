/**
 * Training: pipeline specs, the Tribuo trainers with their hyperparameters and seeds,
 * metrics, golden examples, and training jobs run off the request threads.
 */
@ApplicationModule(allowedDependencies = { "bundle", "datasets", "shared", "registry", "web" })
@NullMarked
package dev.reproserve.training;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
