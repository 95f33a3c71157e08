/**
 * The first command's database: with no datasource configured, a real PostgreSQL started
 * from Maven Central binaries, with its data in a folder kept across restarts.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.reproserve.embedded;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
