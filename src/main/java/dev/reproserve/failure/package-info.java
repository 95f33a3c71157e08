/**
 * What every capability says when it refuses a request: {@link DomainException}, plain
 * and free of HTTP, which the web layer maps to problem+json.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.reproserve.failure;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
