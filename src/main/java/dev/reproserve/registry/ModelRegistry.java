package dev.reproserve.registry;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.registry.internal.AliasEntity;
import dev.reproserve.registry.internal.AliasRepository;
import dev.reproserve.registry.internal.BundleStore;
import dev.reproserve.registry.internal.ModelEntity;
import dev.reproserve.registry.internal.ModelRepository;
import dev.reproserve.registry.internal.ModelVersionEntity;
import dev.reproserve.registry.internal.ModelVersionRepository;
import dev.reproserve.registry.internal.ReproductionStore;
import dev.reproserve.registry.internal.VersionStatusEventEntity;
import dev.reproserve.registry.internal.VersionQueries;
import dev.reproserve.registry.internal.VersionStatusEventRepository;
import dev.reproserve.shared.Timestamps;
import dev.reproserve.shared.ResultPage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The model registry: models, their immutable versions, bundles, aliases and the audit
 * trail. Bundles are verified in full ({@link BundleCodec#open}) before anything is
 * written, outside any transaction; the write itself is one short transaction that holds
 * the model's row lock, which makes version numbers gap-free under concurrency.
 */
@Service
public class ModelRegistry {

	private final ModelRepository models;

	private final ModelVersionRepository versions;

	private final VersionStatusEventRepository statuses;

	private final AliasRepository aliases;

	private final BundleStore bundles;

	private final ReproductionStore reproductions;

	private final TransactionTemplate transaction;

	private final RegistryRows rows;

	private final String node = Replica.name();

	private final VersionQueries queries;

	ModelRegistry(ModelRepository models, ModelVersionRepository versions, VersionStatusEventRepository statuses,
			AliasRepository aliases, BundleStore bundles, ReproductionStore reproductions,
			PlatformTransactionManager transactions, RegistryRows rows, VersionQueries queries) {
		this.queries = queries;
		this.rows = rows;
		this.models = models;
		this.versions = versions;
		this.statuses = statuses;
		this.aliases = aliases;
		this.bundles = bundles;
		this.reproductions = reproductions;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Verifies and registers a bundle as the next version of a model, creating the model
	 * on its first version. The same bundle (same SHA-256) registered again under the
	 * same model returns the existing version.
	 * @throws InvalidNameException for a bad model name
	 * @throws dev.reproserve.bundle.InvalidBundleException when the bundle fails a check
	 */
	public Registration register(String modelName, byte[] bundle, String actor) {
		InvalidNameException.checkModel(modelName);
		LoadedBundle loaded = BundleCodec.open(bundle, null);
		return this.transaction.execute((status) -> store(modelName, loaded, bundle, actor));
	}

	private Registration store(String modelName, LoadedBundle loaded, byte[] bundle, String actor) {
		Instant now = Timestamps.now();
		this.models.insertIfAbsent(modelName, now, actor);
		ModelEntity model = this.models.lockByName(modelName).orElseThrow();
		var existing = this.versions.findByModelIdAndBundleSha256(model.getId(), loaded.sha256());
		if (existing.isPresent()) {
			return new Registration(summary(modelName, existing.get()), false, loaded.warnings());
		}
		this.bundles.storeIfAbsent(loaded.sha256(), bundle, now);
		ModelVersionEntity version = this.versions
			.save(new ModelVersionEntity(model.getId(), model.allocateVersion(), loaded.sha256(), bundle.length,
					loaded.manifest().modelFingerprint(), ManifestJson.toJson(loaded.manifest()), now, actor));
		String detail = "verified at registration: SHA-256, model class allow-list, canonical fingerprint, "
				+ "dependencies and " + loaded.manifest().goldenExamples().size() + " golden examples"
				+ (loaded.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ", loaded.warnings()));
		this.statuses
			.save(new VersionStatusEventEntity(version.getId(), VersionStatus.VERIFIED.json(), detail, this.node, now));
		return new Registration(summary(modelName, version), true, loaded.warnings());
	}

	/** Appends a status event to a version, e.g. when loading it failed on this node. */
	@Transactional
	public void recordStatus(VersionRef version, VersionStatus.State status, String detail) {
		this.statuses.save(
				new VersionStatusEventEntity(version.versionId(), status.json(), detail, this.node, Timestamps.now()));
	}

	/**
	 * Appends a reproduction of a version, whatever its verdict.
	 * @return the recorded reproduction
	 */
	@Transactional
	public Reproduction recordReproduction(VersionRef version, Reproduction.Outcome outcome, String actor) {
		Instant at = Timestamps.now();
		String differences = ManifestJson.treeToString(outcome.differences());
		long id = this.reproductions.insert(version.versionId(), outcome, differences, actor, this.node, at);
		ModelVersionEntity entity = this.versions.findById(version.versionId()).orElseThrow();
		return new Reproduction(id, version.model(), version.version(), outcome.verdict(), outcome.reason(),
				entity.getModelFingerprint(), outcome.reproducedFingerprint(), outcome.differences(), actor, this.node,
				outcome.durationMillis(), at);
	}

	/** A version's reproductions, newest first. */
	@Transactional(readOnly = true)
	public ResultPage<Reproduction> reproductions(String modelName, int versionNumber, int page, int size) {
		ModelVersionEntity version = version(modelEntity(modelName), versionNumber);
		long total = this.reproductions.countByVersion(version.getId());
		List<Reproduction> items = this.reproductions.byVersion(version.getId(), page * size, size)
			.stream()
			.map((r) -> reproduction(modelName, version, r))
			.toList();
		return ResultPage.of(items, page, size, total);
	}

	/** One reproduction of a version. */
	@Transactional(readOnly = true)
	public Reproduction reproduction(String modelName, int versionNumber, long id) {
		ModelVersionEntity version = version(modelEntity(modelName), versionNumber);
		return this.reproductions.find(version.getId(), id)
			.map((r) -> reproduction(modelName, version, r))
			.orElseThrow(() -> ReproductionNotFoundException.forId(modelName, versionNumber, id));
	}

	private static Reproduction reproduction(String modelName, ModelVersionEntity version, ReproductionStore.Row r) {
		return new Reproduction(r.id(), modelName, version.getVersion(), r.verdict(), r.reason(),
				version.getModelFingerprint(), r.reproducedFingerprint(), ManifestJson.tree(r.differences()),
				r.requestedBy(), r.reportedBy(), r.durationMillis(), r.at());
	}

	@Transactional(readOnly = true)
	public boolean hasModels() {
		return this.models.count() > 0;
	}

	@Transactional(readOnly = true)
	public List<ModelSummary> listModels() {
		return summaries(this.models.findAllByOrderByNameAsc(), this.aliases.findAll());
	}

	@Transactional(readOnly = true)
	public ModelSummary model(String modelName) {
		ModelEntity model = modelEntity(modelName);
		return summaries(List.of(model), this.aliases.findByModelIdOrderByAliasAsc(model.getId())).get(0);
	}

	private List<ModelSummary> summaries(List<ModelEntity> models, List<AliasEntity> aliases) {
		Map<Long, Integer> versionNumbers = versionNumbers(aliases.stream().map(AliasEntity::getVersionId).toList());
		Map<Long, Map<String, Integer>> aliasesByModel = new HashMap<>();
		for (AliasEntity alias : aliases) {
			aliasesByModel.computeIfAbsent(alias.getModelId(), (id) -> new java.util.TreeMap<>())
				.put(alias.getAlias(), versionNumbers.get(alias.getVersionId()));
		}
		return models.stream()
			.map((m) -> new ModelSummary(m.getName(), m.getDescription(), m.getCreatedAt(), m.getCreatedBy(),
					m.getLastVersion(), aliasesByModel.getOrDefault(m.getId(), Map.of())))
			.toList();
	}

	/** A model's versions, newest first. */
	@Transactional(readOnly = true)
	public ResultPage<VersionSummary> versions(String modelName, int page, int size) {
		return versions(modelName, VersionFilter.NONE, page, size);
	}

	/** The versions that pass a filter, newest first. */
	@Transactional(readOnly = true)
	public ResultPage<VersionSummary> versions(String modelName, VersionFilter filter, int page, int size) {
		ModelEntity model = modelEntity(modelName);
		VersionQueries.Found found = this.queries.find(model.getId(), filter, page, size);
		Map<Long, ModelVersionEntity> byId = this.versions.findByIdIn(found.ids())
			.stream()
			.collect(java.util.stream.Collectors.toMap(ModelVersionEntity::getId, (v) -> v));
		ResultPage<ModelVersionEntity> rows = ResultPage.of(found.ids().stream().map(byId::get).toList(), page, size,
				found.total());
		List<Long> ids = rows.items().stream().map(ModelVersionEntity::getId).toList();
		Map<Long, VersionStatus> latest = latestStatuses(ids);
		Map<Long, Reproduction.Latest> reproduced = this.reproductions.latest(ids);
		return rows.map((v) -> summary(modelName, v, latest.get(v.getId()), reproduced.get(v.getId())));
	}

	@Transactional(readOnly = true)
	public VersionDetails version(String modelName, int versionNumber) {
		ModelEntity model = modelEntity(modelName);
		ModelVersionEntity version = version(model, versionNumber);
		List<VersionStatus> history = this.statuses.findByVersionIdOrderByIdDesc(version.getId())
			.stream()
			.map(ModelRegistry::status)
			.toList();
		List<String> pointing = this.aliases.findByModelIdOrderByAliasAsc(model.getId())
			.stream()
			.filter((a) -> a.getVersionId().equals(version.getId()))
			.map(AliasEntity::getAlias)
			.toList();
		BundleManifest manifest = ManifestJson.read(version.getManifest());
		return new VersionDetails(
				summary(modelName, version, history.isEmpty() ? null : history.get(0),
						this.reproductions.latest(List.of(version.getId())).get(version.getId())),
				manifest, history, pointing, DeploymentDrift.of(manifest));
	}

	@Transactional(readOnly = true)
	public VersionRef versionRef(String modelName, int versionNumber) {
		return ref(modelName, version(modelEntity(modelName), versionNumber));
	}

	/** The exact bytes registered for a version. */
	@Transactional(readOnly = true)
	public byte[] bundle(VersionRef version) {
		return this.bundles.find(version.bundleSha256())
			.orElseThrow(() -> VersionNotFoundException.forVersion(version.model(), version.version()));
	}

	private ModelEntity modelEntity(String name) {
		return this.rows.model(name);
	}

	private ModelVersionEntity version(ModelEntity model, int number) {
		return this.rows.version(model, number);
	}

	private Map<Long, Integer> versionNumbers(Collection<Long> ids) {
		Map<Long, Integer> numbers = new HashMap<>();
		this.versions.findByIdIn(ids).forEach((v) -> numbers.put(v.getId(), v.getVersion()));
		return numbers;
	}

	private Map<Long, VersionStatus> latestStatuses(List<Long> versionIds) {
		Map<Long, VersionStatus> latest = new LinkedHashMap<>();
		if (!versionIds.isEmpty()) {
			this.statuses.findLatest(versionIds).forEach((e) -> latest.put(e.getVersionId(), status(e)));
		}
		return latest;
	}

	private VersionSummary summary(String modelName, ModelVersionEntity v) {
		return summary(modelName, v, latestStatuses(List.of(v.getId())).get(v.getId()),
				this.reproductions.latest(List.of(v.getId())).get(v.getId()));
	}

	private static VersionSummary summary(String modelName, ModelVersionEntity v, VersionStatus status,
			Reproduction.Latest reproduction) {
		JsonNode manifest = ManifestJson.tree(v.getManifest());
		// By name: the stored manifest (jsonb) keeps its own key order, not the
		// trainer's.
		Map<String, Double> metrics = new TreeMap<>();
		manifest.path("metrics")
			.properties()
			.forEach((metric) -> metrics.put(metric.getKey(), metric.getValue().asDouble()));
		return new VersionSummary(modelName, v.getVersion(), v.getBundleSha256(), v.getSizeBytes(),
				v.getModelFingerprint(), v.getCreatedAt(), v.getCreatedBy(), status, reproduction,
				text(manifest.path("training").path("trainer")), text(manifest.path("trainingData").path("sha256")),
				metrics);
	}

	private static @Nullable String text(JsonNode node) {
		return node.isString() ? node.asString() : null;
	}

	private static VersionStatus status(VersionStatusEventEntity e) {
		return new VersionStatus(VersionStatus.State.of(e.getStatus()), e.getDetail(), e.getReportedBy(), e.getAt());
	}

	private static VersionRef ref(String modelName, ModelVersionEntity v) {
		return RegistryRows.ref(modelName, v);
	}

}
