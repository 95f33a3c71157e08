/**
 * Who may do what: API keys sent as {@code Authorization: Bearer}, stored only as SHA-256
 * hashes, each with one {@link dev.reproserve.security.Role}; the filter chain that
 * checks them on every request; and the admin endpoints that create, list and revoke
 * keys. A write is recorded under the authenticated key's name.
 */
@ApplicationModule(allowedDependencies = { "bundle", "shared" })
@NullMarked
package dev.reproserve.security;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
