package dev.reproserve.registry;

import java.util.Map;

import dev.reproserve.web.ProblemException;

import org.springframework.http.HttpStatus;

public class AliasNotFoundException extends ProblemException {

	private AliasNotFoundException(String model, String alias) {
		super(HttpStatus.NOT_FOUND, "alias-not-found", "Alias not found", "Model '" + model + "' has no alias '" + alias
				+ "'. GET /api/v1/models/" + model + "/aliases lists its aliases; PUT one to create it.",
				Map.of("model", model, "alias", alias));
	}

	public static AliasNotFoundException forAlias(String model, String alias) {
		return new AliasNotFoundException(model, alias);
	}

}
