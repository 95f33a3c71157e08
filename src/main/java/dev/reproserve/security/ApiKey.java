package dev.reproserve.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A key as anyone may see it: never its secret.
 *
 * @param name the key's name, recorded as the actor of every write made with it
 * @param role what it may do
 * @param prefix the first characters of the secret, to tell keys apart
 * @param createdAt when it was created
 * @param createdBy the key that created it ({@code bootstrap} for the first admin key)
 * @param revokedAt when it was revoked, or null while it is valid
 * @param revokedBy the key that revoked it
 * @param revokeReason why
 */
public record ApiKey(String name, Role role, String prefix, Instant createdAt, String createdBy,
		@Nullable Instant revokedAt, @Nullable String revokedBy, @Nullable String revokeReason) {

	public boolean revoked() {
		return this.revokedAt != null;
	}

}
