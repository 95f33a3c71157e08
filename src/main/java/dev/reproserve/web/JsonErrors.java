package dev.reproserve.web;

import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Client-facing descriptions of JSON reading errors. */
public final class JsonErrors {

	private JsonErrors() {
	}

	/**
	 * What is wrong with a JSON document, from the exception that reading it threw, in
	 * words for the client: never a Java class name.
	 */
	public static String describe(Throwable cause) {
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown property '" + unknown.getPropertyName() + "'; known properties are "
					+ unknown.getKnownPropertyIds() + ".";
		}
		if (cause instanceof MismatchedInputException mismatch) {
			String path = mismatch.getPath()
				.stream()
				.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
				.reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
				.orElse("(root)");
			return "The JSON does not have the expected shape at '" + path + "'"
					+ (mismatch.getTargetType() != null ? ": expected " + describe(mismatch.getTargetType()) : "")
					+ ".";
		}
		if (cause instanceof StreamReadException read) {
			// Jackson's own message names the problem (duplicate key, bad token); for
			// syntax
			// errors it carries no class names.
			return "Not valid JSON: " + read.getOriginalMessage() + (read.getLocation() != null
					? " (line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr() + ")"
					: "") + ".";
		}
		if (cause == null || cause.getMessage() == null
				|| cause instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
			return "The request body is missing or cannot be read.";
		}
		return "The request body cannot be read.";
	}

	static String describe(Class<?> type) {
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "a number";
		}
		if (type == String.class) {
			return "a string";
		}
		if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		return "an object";
	}

}
