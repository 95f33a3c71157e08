package dev.reproserve.security;

import java.util.Map;

import dev.reproserve.shared.DomainException;

/** No key has the given name. */
public class KeyNotFoundException extends DomainException {

	public KeyNotFoundException(String name) {
		super(Kind.NOT_FOUND, "key-not-found", "Key not found",
				"No API key is named '" + name + "'. GET /api/v1/keys lists the keys.", Map.of("key", name));
	}

}
