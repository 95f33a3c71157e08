/**
 * The bundle format, the foundation every capability builds on: the manifest records, the
 * deterministic ZIP archive, the Tribuo protobuf codec with its model-class allow- list
 * and canonical fingerprint, and the checks a bundle passes before it serves.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.reproserve.bundle;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
