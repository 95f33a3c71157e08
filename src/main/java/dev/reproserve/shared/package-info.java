/**
 * The shared kernel every capability builds on, free of HTTP and of any other module:
 * {@link dev.reproserve.shared.DomainException}, which the web layer maps to
 * problem+json; {@link dev.reproserve.shared.ResultPage}, the one page shape; and
 * {@link dev.reproserve.shared.Timestamps}, times as the database keeps them.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.reproserve.shared;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
