package dev.reproserve.security;

import java.util.List;

import dev.reproserve.shared.DomainException;

/** A key that cannot be created as asked: a bad name, an unknown role, a name taken. */
public class InvalidKeyRequestException extends DomainException {

	InvalidKeyRequestException(Kind kind, String slug, String title, List<String> problems) {
		super(kind, slug, title, String.join("; ", problems) + ".", java.util.Map.of(), problems);
	}

	static InvalidKeyRequestException invalid(List<String> problems) {
		return new InvalidKeyRequestException(Kind.INVALID, "invalid-key-request", "Invalid key request", problems);
	}

	static InvalidKeyRequestException nameTaken(String name) {
		return new InvalidKeyRequestException(Kind.CONFLICT, "key-name-taken", "Key name taken",
				List.of("a key named '" + name + "' exists or existed; names are never reused, so the audit trail "
						+ "names one key each: choose another name"));
	}

}
