package dev.reproserve.security.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reproserve.security.ApiKey;
import dev.reproserve.security.SecurityProperties;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The valid keys by the SHA-256 of their secret, held in memory so that checking a key
 * costs no database round trip (and predictions keep working while the database is away).
 * Re-read every {@link SecurityProperties#keyRefreshInterval()} when a key was created or
 * revoked anywhere, and at once on the replica that changed it.
 */
@Component
public class KeyDirectory {

	private static final Logger log = LoggerFactory.getLogger(KeyDirectory.class);

	private final KeyStore store;

	private volatile Map<String, ApiKey> valid = Map.of();

	private volatile long lastEvent = -1;

	private volatile boolean failing;

	KeyDirectory(KeyStore store, SecurityProperties properties, TaskScheduler scheduler) {
		this.store = store;
		scheduler.scheduleWithFixedDelay(this::refreshQuietly, properties.keyRefreshInterval());
	}

	/** The valid key whose secret hashes to the given SHA-256. */
	public Optional<ApiKey> bySecretSha256(String sha256) {
		return Optional.ofNullable(this.valid.get(sha256));
	}

	/** Re-reads the keys if any was created or revoked since the last read. */
	public synchronized void refresh() {
		long last = this.store.lastEvent();
		if (last == this.lastEvent) {
			return;
		}
		Map<String, ApiKey> keys = new HashMap<>();
		for (KeyStore.StoredKey stored : this.store.all()) {
			if (!stored.key().revoked()) {
				keys.put(stored.secretSha256(), stored.key());
			}
		}
		this.valid = Map.copyOf(keys);
		this.lastEvent = last;
	}

	private void refreshQuietly() {
		try {
			refresh();
			if (this.failing) {
				log.info("API keys are read from the database again");
				this.failing = false;
			}
		}
		catch (DataAccessException ex) {
			if (!this.failing) {
				log.warn("Cannot re-read the API keys ({}); the last keys read stay in force", ex.getMessage());
				this.failing = true;
			}
		}
	}

}
