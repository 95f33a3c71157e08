package dev.reproserve.registry;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.bundle.SchemaCompatibility;
import dev.reproserve.registry.internal.AliasEntity;
import dev.reproserve.registry.internal.AliasEventEntity;
import dev.reproserve.registry.internal.AliasEventRepository;
import dev.reproserve.registry.internal.AliasRepository;
import dev.reproserve.registry.internal.ModelEntity;
import dev.reproserve.registry.internal.ModelRepository;
import dev.reproserve.registry.internal.ModelVersionEntity;
import dev.reproserve.registry.internal.ModelVersionRepository;
import dev.reproserve.shared.ResultPage;
import dev.reproserve.shared.Timestamps;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aliases: named pointers at a model's versions ({@code production}, {@code staging}),
 * each move recorded in an append-only timeline and announced to every replica.
 */
@Service
public class ModelAliases {

	/**
	 * PostgreSQL channel on which every alias change is announced, with the model name as
	 * payload; delivered at commit, so listeners never see a change that rolled back.
	 */
	public static final String ALIAS_CHANNEL = "reproserve_aliases";

	private final ModelRepository models;

	private final ModelVersionRepository versions;

	private final AliasRepository aliases;

	private final AliasEventRepository aliasEvents;

	private final RegistryRows rows;

	ModelAliases(ModelRepository models, ModelVersionRepository versions, AliasRepository aliases,
			AliasEventRepository aliasEvents, RegistryRows rows) {
		this.models = models;
		this.versions = versions;
		this.aliases = aliases;
		this.aliasEvents = aliasEvents;
		this.rows = rows;
	}

	@Transactional(readOnly = true)
	public VersionRef aliasRef(String modelName, String alias) {
		ModelEntity model = modelEntity(modelName);
		AliasEntity entity = this.aliases.findByModelIdAndAlias(model.getId(), alias)
			.orElseThrow(() -> AliasNotFoundException.forAlias(modelName, alias));
		return ref(modelName, this.versions.findById(entity.getVersionId()).orElseThrow());
	}

	/**
	 * Every alias of every model with the version it names, for serving's in-memory
	 * directory.
	 */
	@Transactional(readOnly = true)
	public Map<String, Map<String, VersionRef>> allAliasRefs() {
		List<AliasEntity> all = this.aliases.findAll();
		Map<Long, ModelVersionEntity> versionsById = this.versions
			.findByIdIn(all.stream().map(AliasEntity::getVersionId).toList())
			.stream()
			.collect(Collectors.toMap(ModelVersionEntity::getId, Function.identity()));
		Map<Long, String> names = this.models.findAll()
			.stream()
			.collect(Collectors.toMap(ModelEntity::getId, ModelEntity::getName));
		Map<String, Map<String, VersionRef>> refs = new HashMap<>();
		for (AliasEntity alias : all) {
			String model = names.get(alias.getModelId());
			refs.computeIfAbsent(model, (m) -> new HashMap<>())
				.put(alias.getAlias(), ref(model, versionsById.get(alias.getVersionId())));
		}
		return refs;
	}

	@Transactional(readOnly = true)
	public List<AliasTarget> aliases(String modelName) {
		ModelEntity model = modelEntity(modelName);
		List<AliasEntity> all = this.aliases.findByModelIdOrderByAliasAsc(model.getId());
		Map<Long, ModelVersionEntity> byId = this.versions
			.findByIdIn(all.stream().map(AliasEntity::getVersionId).toList())
			.stream()
			.collect(Collectors.toMap(ModelVersionEntity::getId, Function.identity()));
		return all.stream().map((a) -> target(modelName, a, byId.get(a.getVersionId()))).toList();
	}

	/** A model's alias changes, newest first. */
	@Transactional(readOnly = true)
	public ResultPage<AliasEvent> history(String modelName, int page, int size) {
		ModelEntity model = modelEntity(modelName);
		Page<AliasEventEntity> events = this.aliasEvents.findByModelIdOrderByIdDesc(model.getId(),
				PageRequest.of(page, size));
		return ResultPage.of(events.getContent(), page, size, events.getTotalElements()).map(ModelAliases::event);
	}

	/**
	 * The version an alias pointed at at a moment (now, without one), with the change
	 * that put it there: the last change recorded at or before that time.
	 * @throws AliasNotFoundException if the alias never existed, or not yet at that time
	 */
	@Transactional(readOnly = true)
	public AliasAt aliasAt(String modelName, String alias, @Nullable Instant at) {
		ModelEntity model = modelEntity(modelName);
		Instant moment = (at != null) ? at : Timestamps.now();
		AliasEventEntity first = this.aliasEvents.findFirstByModelIdAndAliasOrderByIdAsc(model.getId(), alias)
			.orElseThrow(() -> AliasNotFoundException.forAlias(modelName, alias));
		AliasEventEntity event = this.aliasEvents
			.findFirstByModelIdAndAliasAndAtLessThanEqualOrderByIdDesc(model.getId(), alias, moment)
			.orElseThrow(() -> AliasNotFoundException.notYet(modelName, alias, moment, first.getAt()));
		return new AliasAt(modelName, alias, moment, event.getToVersion(), event(event));
	}

	private static AliasEvent event(AliasEventEntity e) {
		return new AliasEvent(e.getAlias(), e.getFromVersion(), e.getToVersion(), e.getActor(), e.getReason(),
				e.getAt(), (e.getCompatibility() != null)
						? JSON.readValue(e.getCompatibility(), SchemaCompatibility.class) : null);
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Points an alias at a version and records the change, in one transaction under the
	 * model's row lock. Pointing an alias where it already points records nothing. The
	 * caller verifies that the version can serve before calling this.
	 */
	@Transactional
	public AliasMove moveAlias(String modelName, String alias, int versionNumber, String actor, String reason) {
		return moveAlias(modelName, alias, versionNumber, actor, reason, false);
	}

	/**
	 * As {@link #moveAlias(String, String, int, String, String)}, checking under the same
	 * lock that the version's input schema accepts every request the current version
	 * accepts; the event records the report.
	 * @param allowIncompatible move even if it does not, and record that it was asked
	 * @throws IncompatibleSchemaException if it does not and that was not allowed
	 */
	@Transactional
	public AliasMove moveAlias(String modelName, String alias, int versionNumber, String actor, String reason,
			boolean allowIncompatible) {
		InvalidNameException.checkAlias(alias);
		ModelEntity model = this.models.lockByName(modelName)
			.orElseThrow(() -> ModelNotFoundException.forName(modelName));
		ModelVersionEntity version = this.rows.version(model, versionNumber);
		AliasEntity entity = this.aliases.findByModelIdAndAlias(model.getId(), alias)
			.orElseGet(() -> new AliasEntity(model.getId(), alias));
		Integer from = null;
		SchemaCompatibility report = null;
		if (entity.getVersionId() != null) {
			ModelVersionEntity current = this.versions.findById(entity.getVersionId()).orElseThrow();
			if (current.getId().equals(version.getId())) {
				return new AliasMove(target(modelName, entity, version), current.getVersion(), false);
			}
			from = current.getVersion();
			report = SchemaCompatibility.of(ManifestJson.read(current.getManifest()).inputSchema(),
					ManifestJson.read(version.getManifest()).inputSchema());
			if (!report.compatible()) {
				if (!allowIncompatible) {
					throw new IncompatibleSchemaException(modelName, alias, from, versionNumber, report);
				}
				report = report.forced();
			}
		}
		Instant now = Timestamps.now();
		entity.pointAt(version.getId(), actor, now);
		this.aliases.save(entity);
		this.aliasEvents.save(new AliasEventEntity(model.getId(), alias, from, versionNumber, actor, reason, now,
				(report != null) ? JSON.writeValueAsString(report) : null));
		this.models.notify(ALIAS_CHANNEL, modelName);
		return new AliasMove(target(modelName, entity, version), from, true);
	}

	private ModelEntity modelEntity(String name) {
		return this.rows.model(name);
	}

	private static VersionRef ref(String modelName, ModelVersionEntity v) {
		return RegistryRows.ref(modelName, v);
	}

	private static AliasTarget target(String modelName, AliasEntity alias, ModelVersionEntity version) {
		return new AliasTarget(modelName, alias.getAlias(), version.getVersion(), version.getBundleSha256(),
				alias.getUpdatedAt(), alias.getUpdatedBy());
	}

}
