package dev.reproserve.serving.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reproserve.registry.ModelAliases;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.VersionRef;
import dev.reproserve.serving.ServingProperties;
import dev.reproserve.serving.VersionNotServableException;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Which version a model name plus version number or alias means, held in memory so that
 * predictions do not touch the database. Version numbers never change meaning and are
 * cached for good; aliases are re-read from the database when another replica announces a
 * change ({@link AliasChangeListener}), on a schedule as the safety net, and at once on
 * the replica that moved them. A moved alias is switched over only after its new version
 * verified, so a broken version never replaces a working one.
 */
@Component
public class ServingDirectory {

	private static final Logger log = LoggerFactory.getLogger(ServingDirectory.class);

	private final ModelRegistry registry;

	private final ModelAliases aliasRegistry;

	private final LoadedModels models;

	private final Map<String, VersionRef> versions = new ConcurrentHashMap<>();

	private volatile Map<String, VersionRef> aliases = Map.of();

	private final ServingProperties properties;

	private final TaskScheduler scheduler;

	ServingDirectory(ModelRegistry registry, ModelAliases aliasRegistry, LoadedModels models,
			ServingProperties properties, TaskScheduler scheduler) {
		this.registry = registry;
		this.aliasRegistry = aliasRegistry;
		this.models = models;
		this.properties = properties;
		this.scheduler = scheduler;
	}

	public VersionRef version(String model, int version) {
		String key = model + '\u0000' + version;
		VersionRef ref = this.versions.get(key);
		if (ref == null) {
			ref = this.registry.versionRef(model, version);
			this.versions.put(key, ref);
		}
		return ref;
	}

	public VersionRef alias(String model, String alias) {
		VersionRef ref = this.aliases.get(model + '\u0000' + alias);
		if (ref == null) {
			// Created on another replica since the last refresh, or unknown (then 404).
			ref = this.aliasRegistry.aliasRef(model, alias);
			aliasMoved(model, alias, ref);
		}
		return ref;
	}

	/** Takes a move made on this replica into effect at once. */
	public synchronized void aliasMoved(String model, String alias, VersionRef ref) {
		Map<String, VersionRef> next = new HashMap<>(this.aliases);
		next.put(model + '\u0000' + alias, ref);
		publish(next);
	}

	/** Serves these aliases from now on, and holds their models in memory for good. */
	private void publish(Map<String, VersionRef> next) {
		this.aliases = Map.copyOf(next);
		this.models.pin(next.values().stream().map(VersionRef::bundleSha256).collect(Collectors.toSet()));
	}

	/**
	 * Loads every aliased version at startup, so the first request does not pay for it,
	 * then refreshes every {@code reproserve.serving.alias-refresh-interval}.
	 */
	@EventListener(ApplicationReadyEvent.class)
	public void preload() {
		// Scheduled first: should this first read fail, the refresh still runs later.
		Duration interval = this.properties.aliasRefreshInterval();
		this.scheduler.scheduleWithFixedDelay(this::refresh, Instant.now().plus(interval), interval);
		refresh();
		log.info("Serving {} alias(es) from {} loaded model(s)", this.aliases.size(), this.models.size());
	}

	/**
	 * Re-reads all aliases; a target that fails verification keeps its previous version.
	 */
	public synchronized void refresh() {
		Map<String, VersionRef> next = new HashMap<>();
		this.aliasRegistry.allAliasRefs().forEach((model, byAlias) -> byAlias.forEach((alias, ref) -> {
			String key = model + '\u0000' + alias;
			VersionRef previous = this.aliases.get(key);
			if (Objects.equals(previous, ref)) {
				next.put(key, ref);
				return;
			}
			try {
				this.models.get(ref);
				next.put(key, ref);
			}
			catch (VersionNotServableException ex) {
				log.warn("Alias {}/{} points at version {}, which cannot serve; {}", model, alias, ref.version(),
						previous != null ? "keeping version " + previous.version() : "alias left unserved");
				if (previous != null) {
					next.put(key, previous);
				}
			}
		}));
		publish(next);
	}

}
