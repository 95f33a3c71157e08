/**
 * The built-in example model that {@code ./mvnw spring-boot:run} serves.
 */
@ApplicationModule(allowedDependencies = { "datasets", "registry", "serving", "training" })
@NullMarked
package dev.reproserve.examples;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
