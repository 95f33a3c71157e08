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

	public static AliasNotFoundException forAlias(String model, String alias) {
		return new AliasNotFoundException(model, alias);
	}

}
