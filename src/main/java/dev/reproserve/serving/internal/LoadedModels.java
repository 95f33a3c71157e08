package dev.reproserve.serving.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.InvalidBundleException;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.VersionRef;
import dev.reproserve.registry.VersionStatus;
import dev.reproserve.serving.VersionNotServableException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Verified models in memory, keyed by bundle SHA-256. A version is read from the database
 * once per node, verified in full, and then served from memory. A version that fails
 * verification is remembered as failed (with its reason, recorded in the registry) and
 * never served; nothing else is affected.
 */
@Component
public class LoadedModels {

	private static final Logger log = LoggerFactory.getLogger(LoadedModels.class);

	private final ModelRegistry registry;

	private final Map<String, LoadedBundle> bySha256 = new ConcurrentHashMap<>();

	private final Map<Long, String> failedVersions = new ConcurrentHashMap<>();

	private final Map<String, Object> loadLocks = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	private final AtomicLong loadedBytes = new AtomicLong();

	LoadedModels(ModelRegistry registry, MeterRegistry meters) {
		this.registry = registry;
		this.meters = meters;
		Gauge.builder("reproserve.models.loaded", this.bySha256, Map::size)
			.description("Verified models held in memory")
			.register(meters);
		Gauge
			.builder("reproserve.models.drifted", this.bySha256,
					(loaded) -> loaded.values().stream().filter((b) -> !b.warnings().isEmpty()).count())
			.description("Models in memory that were trained on another Java major version or CPU architecture"
					+ " and serve because their golden examples reproduce")
			.register(meters);
		Gauge.builder("reproserve.models.loaded.bytes", this.loadedBytes, AtomicLong::get)
			.description("Bundle bytes of the models in memory: an estimate (a lower bound) of the heap they hold")
			.baseUnit("bytes")
			.register(meters);
	}

	/**
	 * The verified model of a version, loading it on first use.
	 * @throws VersionNotServableException if its bundle fails verification
	 */
	public LoadedBundle get(VersionRef version) {
		LoadedBundle loaded = this.bySha256.get(version.bundleSha256());
		if (loaded != null) {
			return loaded;
		}
		synchronized (this.loadLocks.computeIfAbsent(version.bundleSha256(), (sha) -> new Object())) {
			loaded = this.bySha256.get(version.bundleSha256());
			if (loaded != null) {
				return loaded;
			}
			String failure = this.failedVersions.get(version.versionId());
			if (failure != null) {
				throw VersionNotServableException.forVersion(version.model(), version.version(), failure);
			}
			loaded = load(version);
			this.bySha256.put(version.bundleSha256(), loaded);
			return loaded;
		}
	}

	/**
	 * Counts a load by model and outcome; a refusal also by the check that refused it
	 * ({@code reason}: archive, altered, manifest, model, not-allowed, mismatch,
	 * dependencies, golden-examples).
	 */
	private void loaded(VersionRef version, String outcome, String reason) {
		this.meters
			.counter("reproserve.model.loads", "model", version.model(), "version", String.valueOf(version.version()),
					"outcome", outcome, "reason", reason)
			.increment();
	}

	public int size() {
		return this.bySha256.size();
	}

	private LoadedBundle load(VersionRef version) {
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
		if (!loaded.warnings().isEmpty()) {
			String detail = "loaded with warnings, golden examples reproduced: " + String.join("; ", loaded.warnings());
			this.registry.recordStatus(version, VersionStatus.VERIFIED, detail);
			log.warn("{} version {}: {}", version.model(), version.version(), detail);
		}
		loaded(version, loaded.warnings().isEmpty() ? "verified" : "verified-with-warnings", "none");
		this.loadedBytes.addAndGet(bytes.length);
		log.info("Loaded {} version {} (bundle {})", version.model(), version.version(), version.bundleSha256());
		return loaded;
	}

}
