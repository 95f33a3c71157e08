/**
 * The Open Inference Protocol (v2) REST endpoints beside {@code /api/v1}: health, server
 * and model metadata and inference, with tensors read into the features of a model's
 * schema and answered through serving's schema check and verified models.
 */
@ApplicationModule(allowedDependencies = { "bundle", "registry", "serving", "shared", "web" })
@NullMarked
package dev.reproserve.oip;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
