package dev.reproserve.security;

import java.util.List;
import java.util.Map;

import dev.reproserve.shared.DomainException;

/**
 * A request refused for who sent it: no key, a key that is not valid, or a role too
 * small.
 */
public class AccessRefusedException extends DomainException {

	private AccessRefusedException(Kind kind, String slug, String title, String detail, Map<String, ?> members) {
		super(kind, slug, title, detail, members, List.of());
	}

	/** No key was sent. */
	public static AccessRefusedException noKey() {
		return new AccessRefusedException(Kind.UNAUTHENTICATED, "unauthorized", "Unauthorized",
				"This request needs an API key: send it as 'Authorization: Bearer <key>'. An admin creates keys "
						+ "with POST /api/v1/keys.",
				Map.of());
	}

	/** A key was sent that no valid key has: unknown, revoked, or not a bearer key. */
	public static AccessRefusedException invalidKey() {
		return new AccessRefusedException(Kind.UNAUTHENTICATED, "invalid-key", "Invalid API key",
				"The key sent is not a valid API key: it is unknown or revoked, or the Authorization header is not "
						+ "'Bearer <key>'. Ask an admin for a key.",
				Map.of());
	}

	/** The key is valid but its role does not allow the request. */
	public static AccessRefusedException forbidden(String key, List<String> roles) {
		return new AccessRefusedException(Kind.FORBIDDEN, "forbidden", "Forbidden",
				"The key '" + key + "' has the role " + roles
						+ ", which does not allow this request. Predicting needs predict, reading (GET) needs read, "
						+ "every change needs admin.",
				Map.of("key", key, "roles", roles));
	}

}
