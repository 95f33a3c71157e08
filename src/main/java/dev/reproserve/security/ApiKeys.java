package dev.reproserve.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reproserve.bundle.JsonEnum;
import dev.reproserve.bundle.Sha256;
import dev.reproserve.security.internal.KeyDirectory;
import dev.reproserve.security.internal.KeyStore;
import dev.reproserve.shared.Timestamps;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * API keys: created with a secret shown once, listed without it, revoked for good. A
 * key's secret is 256 random bits; only its SHA-256 is stored. At the first start the
 * {@code admin} key is made from {@link SecurityProperties#adminKey()} or, without one
 * and with no key at all, generated and logged once.
 */
@Service
public class ApiKeys implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

	/** Key names: like alias names, so they read well as the actor of a write. */
	public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

	/** The name of the key made at the first start. */
	public static final String ADMIN = "admin";

	/** Recorded as the creator of the first admin key. */
	public static final String BOOTSTRAP = "bootstrap";

	private static final String SECRET_PREFIX = "rsk_";

	private static final int PREFIX_LENGTH = SECRET_PREFIX.length() + 6;

	/** A configured secret shorter than this is refused: it could be guessed. */
	private static final int MIN_SECRET_LENGTH = 32;

	private final SecureRandom random = new SecureRandom();

	private final KeyStore store;

	private final KeyDirectory directory;

	private final SecurityProperties properties;

	ApiKeys(KeyStore store, KeyDirectory directory, SecurityProperties properties) {
		this.store = store;
		this.directory = directory;
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.properties.anonymousRoles().contains(Role.ADMIN)) {
			throw new IllegalStateException("reproserve.security.anonymous-roles may hold predict and read, never "
					+ "admin: an anonymous caller must not write");
		}
		bootstrap();
		this.directory.refresh();
		if (!this.properties.anonymousRoles().isEmpty()) {
			log.warn(
					"Anonymous callers may {} (reproserve.security.anonymous-roles): requests without a key are "
							+ "let through for that",
					this.properties.anonymousRoles().stream().map(Role::json).toList());
		}
	}

	private void bootstrap() {
		String configured = this.properties.adminKey();
		if (configured != null && !configured.isBlank()) {
			if (configured.length() < MIN_SECRET_LENGTH) {
				throw new IllegalStateException(
						"REPROSERVE_SECURITY_ADMIN_KEY is " + configured.length() + " characters long; give at least "
								+ MIN_SECRET_LENGTH + " random characters (for example: openssl rand -base64 32)");
			}
			Optional<KeyStore.StoredKey> admin = this.store.find(ADMIN);
			if (admin.isEmpty()) {
				insertQuietly(ADMIN, Role.ADMIN, configured);
				log.info("Stored the admin key given by REPROSERVE_SECURITY_ADMIN_KEY (as its hash)");
			}
			else if (!admin.get().secretSha256().equals(hash(configured))) {
				log.warn("REPROSERVE_SECURITY_ADMIN_KEY differs from the stored admin key and is ignored: the key "
						+ "stored at the first start stays in force (create and revoke keys with /api/v1/keys)");
			}
			return;
		}
		if (!this.store.anyKey()) {
			String secret = newSecret();
			if (insertQuietly(ADMIN, Role.ADMIN, secret)) {
				log.warn("Created the first admin key; it is shown this once and never again: {}", secret);
			}
		}
	}

	/** Inserts a bootstrap key; false when another replica starting at once did first. */
	private boolean insertQuietly(String name, Role role, String secret) {
		try {
			this.store.insert(name, role, prefix(secret), hash(secret), Timestamps.now(), BOOTSTRAP);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Creates a key.
	 * @throws InvalidKeyRequestException for a bad name or role, or a name used before
	 */
	public CreatedKey create(@Nullable String name, @Nullable String roleName, String actor) {
		List<String> problems = new ArrayList<>();
		if (name == null) {
			problems.add("name is required: lower-case letters, digits, '.', '_' or '-', starting with a letter");
		}
		else if (!NAME.matcher(name).matches()) {
			problems.add("name '" + name + "' does not match " + NAME.pattern());
		}
		Role role = JsonEnum.find(Role.class, roleName).orElse(null);
		if (role == null) {
			problems.add(((roleName == null) ? "role is required" : "role '" + roleName + "' is unknown")
					+ ": one of predict, read, admin");
		}
		if (!problems.isEmpty()) {
			throw InvalidKeyRequestException.invalid(problems);
		}
		String secret = newSecret();
		try {
			this.store.insert(name, role, prefix(secret), hash(secret), Timestamps.now(), actor);
		}
		catch (DuplicateKeyException ex) {
			throw InvalidKeyRequestException.nameTaken(name);
		}
		this.directory.refresh();
		return new CreatedKey(key(name), secret);
	}

	/** Every key, revoked ones too, oldest first; never a secret. */
	public List<ApiKey> list() {
		return this.store.all().stream().map(KeyStore.StoredKey::key).toList();
	}

	/**
	 * @throws KeyNotFoundException when no key has the name
	 */
	public ApiKey key(String name) {
		return this.store.find(name).map(KeyStore.StoredKey::key).orElseThrow(() -> new KeyNotFoundException(name));
	}

	/**
	 * Revokes a key for good; revoking a revoked key changes nothing and answers it as it
	 * is. This replica refuses the key at once, every other one within the refresh
	 * interval.
	 * @throws KeyNotFoundException when no key has the name
	 * @throws InvalidKeyRequestException when the reason holds a NUL character, which
	 * PostgreSQL cannot store in text
	 */
	public ApiKey revoke(String name, String actor, @Nullable String reason) {
		key(name);
		if (reason != null && reason.indexOf('\u0000') >= 0) {
			throw InvalidKeyRequestException
				.invalid(List.of("reason holds a NUL character (U+0000), which is never stored"));
		}
		this.store.revoke(name, actor, reason, Timestamps.now());
		this.directory.refresh();
		return key(name);
	}

	/** The valid key whose secret this is. */
	public Optional<ApiKey> authenticate(String secret) {
		return this.directory.bySecretSha256(hash(secret));
	}

	private String newSecret() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The first characters of a secret, to tell keys apart: six random characters of a
	 * generated key (36 of its 256 bits), four of one given by the environment.
	 */
	private static String prefix(String secret) {
		return secret.substring(0, secret.startsWith(SECRET_PREFIX) ? PREFIX_LENGTH : 4);
	}

	private static String hash(String secret) {
		return Sha256.hex(secret.getBytes(StandardCharsets.UTF_8));
	}

}
