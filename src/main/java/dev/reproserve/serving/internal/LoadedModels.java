package dev.reproserve.serving.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.InvalidBundleException;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.VersionRef;
import dev.reproserve.registry.VersionStatus;
import dev.reproserve.serving.ServingProperties;
import dev.reproserve.serving.VersionNotServableException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Verified models in memory, keyed by bundle SHA-256, within a memory budget
 * ({@code reproserve.serving.max-loaded-memory}). A version is read from the database,
 * verified in full and then served from memory. Versions that an alias points at are held
 * for as long as it does; any other version (predicted by its number) sits in a Caffeine
 * cache weighed by an estimate of its heap, bounded by what the aliased ones leave of the
 * budget, and is loaded again, verified again, when asked for after eviction. Caffeine
 * loads each key once however many requests ask for it at the same time. A version that
 * fails verification is remembered as failed (with its reason, recorded in the registry)
 * and never served; nothing else is affected.
 */
@Component
public class LoadedModels {

	/**
	 * Heap held per bundle byte, an estimate with a margin: measured (heap after GC per
	 * loaded copy, against the bundle's size) at 2.4 for an iris logistic regression, 1.7
	 * for a 50-tree random forest and 0.8 for a 50-round XGBoost model, whose booster
	 * also holds native memory outside the heap.
	 */
	static final int HEAP_PER_BUNDLE_BYTE = 4;

	private static final Logger log = LoggerFactory.getLogger(LoadedModels.class);

	private final ModelRegistry registry;

	/** What aliases point at: never evicted. */
	private final Map<String, Held> pinned = new ConcurrentHashMap<>();

	private volatile Set<String> pinnedSha256s = Set.of();

	private final Cache<String, Held> others;

	private final Map<Long, String> failedVersions = new ConcurrentHashMap<>();

	/**
	 * Versions whose load warnings are recorded: a reload after eviction records none.
	 */
	private final Set<Long> warnedVersions = ConcurrentHashMap.newKeySet();

	private final MeterRegistry meters;

	private final long budget;

	LoadedModels(ModelRegistry registry, MeterRegistry meters, ServingProperties properties) {
		this.registry = registry;
		this.meters = meters;
		this.budget = properties.loadedMemoryBudget();
		this.others = Caffeine.newBuilder()
			.maximumWeight(this.budget)
			.weigher((String sha256, Held held) -> (int) Math.min(Integer.MAX_VALUE, held.estimatedBytes()))
			.removalListener(this::removed)
			.executor(Runnable::run)
			.build();
		Gauge.builder("reproserve.models.loaded", this, LoadedModels::size)
			.description("Verified models held in memory")
			.register(meters);
		Gauge
			.builder("reproserve.models.drifted", this,
					(models) -> models.held().filter((held) -> !held.bundle().warnings().isEmpty()).count())
			.description("Models in memory that were trained on another Java major version or CPU architecture"
					+ " and serve because their golden examples reproduce")
			.register(meters);
		Gauge.builder("reproserve.models.loaded.bytes", this, LoadedModels::estimatedBytes)
			.description("Estimated heap held by the models in memory (reproserve.serving.max-loaded-memory bounds it)")
			.baseUnit("bytes")
			.register(meters);
		Gauge.builder("reproserve.models.loaded.budget", this, (models) -> models.budget)
			.description("The memory budget of loaded models (reproserve.serving.max-loaded-memory)")
			.baseUnit("bytes")
			.register(meters);
	}

	/**
	 * The verified model of a version, loading it on first use and after eviction.
	 * @throws VersionNotServableException if its bundle fails verification
	 */
	public LoadedBundle get(VersionRef version) {
		String sha256 = version.bundleSha256();
		Held held = this.pinned.get(sha256);
		if (held != null) {
			return held.bundle();
		}
		held = this.others.get(sha256, (key) -> load(version));
		if (this.pinnedSha256s.contains(sha256)) {
			pin(this.pinnedSha256s);
		}
		return held.bundle();
	}

	/**
	 * Holds exactly these bundles for good (the targets of all aliases); the rest become
	 * evictable. Models not yet in memory are pinned when first loaded.
	 */
	public synchronized void pin(Set<String> sha256s) {
		this.pinnedSha256s = Set.copyOf(sha256s);
		this.pinned.keySet().removeIf((sha256) -> {
			if (sha256s.contains(sha256)) {
				return false;
			}
			this.others.put(sha256, this.pinned.get(sha256));
			return true;
		});
		for (String sha256 : sha256s) {
			Held held = this.others.getIfPresent(sha256);
			if (held != null && this.pinned.putIfAbsent(sha256, held) == null) {
				this.others.asMap().remove(sha256, held);
			}
		}
		long pinnedBytes = this.pinned.values().stream().mapToLong(Held::estimatedBytes).sum();
		this.others.policy()
			.eviction()
			.ifPresent((eviction) -> eviction.setMaximum(Math.max(0, this.budget - pinnedBytes)));
		if (pinnedBytes > this.budget) {
			log.warn(
					"The models aliases point at need an estimated {} bytes, more than reproserve.serving.max-loaded-memory"
							+ " ({} bytes): versions predicted by number are loaded for each request",
					pinnedBytes, this.budget);
		}
	}

	public int size() {
		return this.pinned.size() + (int) this.others.estimatedSize();
	}

	/** The estimated heap of every model in memory, pinned and evictable. */
	public long estimatedBytes() {
		return this.pinned.values().stream().mapToLong(Held::estimatedBytes).sum()
				+ this.others.policy().eviction().map((eviction) -> eviction.weightedSize().orElse(0L)).orElse(0L);
	}

	public long budget() {
		return this.budget;
	}

	private Stream<Held> held() {
		return Stream.concat(this.pinned.values().stream(), this.others.asMap().values().stream());
	}

	private void removed(String sha256, Held held, RemovalCause cause) {
		if (cause.wasEvicted() && held != null) {
			log.info(
					"Unloaded {} version {} (bundle {}, about {} bytes) to stay within reproserve.serving.max-loaded-memory",
					held.model(), held.version(), sha256, held.estimatedBytes());
			Counter.builder("reproserve.model.evictions")
				.description("Versions unloaded to stay within reproserve.serving.max-loaded-memory")
				.tag("model", held.model())
				.register(this.meters)
				.increment();
		}
	}

	/**
	 * Counts a load by model and outcome; a refusal also by the check that refused it
	 * ({@code reason}: archive, altered, manifest, model, not-allowed, mismatch,
	 * dependencies, golden-examples).
	 */
	private void loaded(VersionRef version, String outcome, String reason) {
		Counter.builder("reproserve.model.loads")
			.description("Versions loaded into memory on this replica, by how their verification ended")
			.tags("model", version.model(), "version", String.valueOf(version.version()), "outcome", outcome, "reason",
					reason)
			.register(this.meters)
			.increment();
	}

	private Held load(VersionRef version) {
		String failure = this.failedVersions.get(version.versionId());
		if (failure != null) {
			throw VersionNotServableException.forVersion(version.model(), version.version(), failure);
		}
		byte[] bytes = this.registry.bundle(version);
		LoadedBundle loaded;
		try {
			loaded = BundleCodec.open(bytes, version.bundleSha256());
		}
		catch (InvalidBundleException ex) {
			this.failedVersions.put(version.versionId(), ex.reason());
			this.registry.recordStatus(version, VersionStatus.FAILED, "refused at load: " + ex.reason());
			loaded(version, "failed", ex.kind().json());
			log.warn("Refused {} version {}: {}", version.model(), version.version(), ex.reason());
			throw VersionNotServableException.forVersion(version.model(), version.version(), ex.reason());
		}
		if (!loaded.warnings().isEmpty() && this.warnedVersions.add(version.versionId())) {
			String detail = "loaded with warnings, golden examples reproduced: " + String.join("; ", loaded.warnings());
			this.registry.recordStatus(version, VersionStatus.VERIFIED, detail);
			log.warn("{} version {}: {}", version.model(), version.version(), detail);
		}
		loaded(version, loaded.warnings().isEmpty() ? "verified" : "verified-with-warnings", "none");
		log.info("Loaded {} version {} (bundle {})", version.model(), version.version(), version.bundleSha256());
		return new Held(version.model(), version.version(), loaded, (long) bytes.length * HEAP_PER_BUNDLE_BYTE);
	}

	/** A verified model with what it is known by and its estimated heap. */
	private record Held(String model, int version, LoadedBundle bundle, long estimatedBytes) {
	}

}
