package dev.reproserve.bundle;

import java.util.Arrays;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Client-facing descriptions of JSON reading errors: what is wrong and where, never a
 * Java class name or a library's configuration hint.
 */
public final class JsonErrors {

	private JsonErrors() {
	}

	/** Describes the exception that reading a JSON document threw. */
	public static String describe(Throwable cause) {
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown property '" + unknown.getPropertyName() + "' at '" + path(unknown)
					+ "'; known properties are " + unknown.getKnownPropertyIds() + ".";
		}
		if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
			String value = String.valueOf(invalid.getValue());
			value = (value.length() > 60) ? value.substring(0, 60) + "..." : value;
			return "The value '" + value + "' at '" + path(invalid) + "' is not valid: expected "
					+ describe(invalid.getTargetType()) + ".";
		}
		if (cause instanceof MismatchedInputException mismatch) {
			return "The JSON does not have the expected shape at '" + path(mismatch) + "'"
					+ ((mismatch.getTargetType() != null) ? ": expected " + describe(mismatch.getTargetType()) : "")
					+ ".";
		}
		if (cause instanceof DatabindException invalid) {
			return "The JSON has an invalid or missing value at '" + path(invalid) + "'.";
		}
		if (cause instanceof StreamReadException read) {
			// Jackson's own message names the problem (duplicate key, bad token, number
			// too long); for syntax errors it carries no class names.
			return "Not valid JSON: " + read.getOriginalMessage() + ((read.getLocation() != null)
					? " (line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr() + ")"
					: "") + ".";
		}
		if (cause instanceof JacksonException) {
			return "The JSON cannot be read.";
		}
		return "The request body is missing or cannot be read.";
	}

	public static String describe(Class<?> type) {
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return (type == boolean.class) ? "true or false" : "a number";
		}
		if (type == Boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "a string";
		}
		if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		return "an object";
	}

	private static String path(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
			.orElse("(root)");
	}

}
