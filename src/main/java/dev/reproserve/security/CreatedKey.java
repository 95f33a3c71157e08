package dev.reproserve.security;

/**
 * A new key with its secret, which is shown this once and never stored.
 *
 * @param key the key's record
 * @param secret what a caller sends as {@code Authorization: Bearer <secret>}
 */
public record CreatedKey(ApiKey key, String secret) {
}
