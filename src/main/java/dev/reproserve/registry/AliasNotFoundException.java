package dev.reproserve.registry;

import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

public class AliasNotFoundException extends DomainException {

	private AliasNotFoundException(String model, String alias) {
		super(Kind.NOT_FOUND, "alias-not-found", "Alias not found", "Model '" + model + "' has no alias '" + alias
				+ "'. GET /api/v1/models/" + model + "/aliases lists its aliases; PUT one to create it.",
				Map.of("model", model, "alias", alias));
	}

	private AliasNotFoundException(String model, String alias, java.time.Instant at, java.time.Instant created) {
		super(Kind.NOT_FOUND, "alias-not-found", "Alias not found",
				"Model '" + model + "' had no alias '" + alias + "' at " + at + ": it was created at " + created
						+ ". Ask for a later time.",
				Map.of("model", model, "alias", alias, "at", at.toString(), "createdAt", created.toString()));
	}

	public static AliasNotFoundException forAlias(String model, String alias) {
		return new AliasNotFoundException(model, alias);
	}

	/** The alias exists, but was made after the time asked for. */
	public static AliasNotFoundException notYet(String model, String alias, java.time.Instant at,
			java.time.Instant created) {
		return new AliasNotFoundException(model, alias, at, created);
	}

}
