/**
 * The built-in example model that {@code ./mvnw spring-boot:run} serves.
 */
package dev.reproserve.examples;
