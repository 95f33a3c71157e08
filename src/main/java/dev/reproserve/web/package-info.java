/**
 * What every controller shares: the one problem+json advice that maps each capability's
 * {@link dev.reproserve.shared.DomainException}, strict JSON reading and the request size
 * limit.
 */
@ApplicationModule(allowedDependencies = { "bundle", "shared" })
@NullMarked
package dev.reproserve.web;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
