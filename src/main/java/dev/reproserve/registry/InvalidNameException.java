package dev.reproserve.registry;

import java.util.Map;
import java.util.regex.Pattern;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/** A model or alias name that does not follow the naming rule. */
public class InvalidNameException extends DomainException {

	/**
	 * Model names: lower-case letters, digits, dot, underscore and hyphen; 1 to 64 long.
	 */
	public static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	/**
	 * Alias names: like model names but starting with a letter, so they never look like
	 * versions.
	 */
	public static final Pattern ALIAS_NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

	private InvalidNameException(String kind, String name, Pattern rule) {
		super(Kind.INVALID, "invalid-name", "Invalid name",
				"The " + kind + " name '" + name + "' does not match " + rule.pattern() + ".",
				Map.of("name", String.valueOf(name), "pattern", rule.pattern()));
	}

	public static void checkModel(String name) {
		if (name == null || !MODEL_NAME.matcher(name).matches()) {
			throw new InvalidNameException("model", name, MODEL_NAME);
		}
	}

	public static void checkAlias(String name) {
		if (name == null || !ALIAS_NAME.matcher(name).matches()) {
			throw new InvalidNameException("alias", name, ALIAS_NAME);
		}
	}

}
