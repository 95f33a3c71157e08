package dev.reproserve.serving;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;

/**
 * One way a predict request does not match the model's input schema.
 *
 * @param instance index of the instance in {@code instances}, null for the request as a
 * whole
 * @param feature the feature concerned, null if none
 * @param problem {@code missing}, {@code unexpected}, {@code null}, {@code wrong-type},
 * {@code not-finite}, {@code unknown-category}, {@code not-an-object},
 * {@code missing-instances} or {@code empty-batch}
 * @param expected what the schema wants
 * @param actual what the request had
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SchemaViolation(@Nullable Integer instance, @Nullable String feature, String problem, String expected,
		String actual) {
}
