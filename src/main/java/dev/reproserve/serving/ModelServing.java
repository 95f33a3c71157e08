package dev.reproserve.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.reproserve.bundle.FeatureSchema;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.registry.AliasMove;
import dev.reproserve.registry.InvalidNameException;
import dev.reproserve.registry.ModelAliases;
import dev.reproserve.registry.VersionRef;
import dev.reproserve.serving.internal.InstanceReader;
import dev.reproserve.serving.internal.LoadedModels;
import dev.reproserve.serving.internal.SchemaValidator;
import dev.reproserve.serving.internal.ServingDirectory;
import dev.reproserve.shared.TooLargeException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Service;

/**
 * Predicts with verified models and moves aliases only to versions that verify. After a
 * version's first load, predictions are served from memory without touching the database.
 */
@Service
public class ModelServing {

	private final ModelAliases aliases;

	private final ServingDirectory directory;

	private final LoadedModels models;

	private final ServingProperties properties;

	private final MeterRegistry meters;

	private final Map<MeterKey, PredictMeters> predictMeters = new ConcurrentHashMap<>();

	private final Map<String, InstanceReader> readers = new ConcurrentHashMap<>();

	private final LiveTraffic live;

	ModelServing(ModelAliases aliases, ServingDirectory directory, LoadedModels models, ServingProperties properties,
			MeterRegistry meters, LiveTraffic live) {
		this.live = live;
		this.aliases = aliases;
		this.directory = directory;
		this.models = models;
		this.properties = properties;
		this.meters = meters;
	}

	/**
	 * Predicts with an exact version.
	 * @throws SchemaViolationException listing every violation; the model is not called
	 * @throws TooLargeException for a batch over the limit
	 * @throws VersionNotServableException if the version failed verification
	 */
	public Prediction predictWithVersion(String model, int version, @Nullable String requestId, List<?> instances) {
		return predict(this.directory.version(model, version), null, requestId, instances);
	}

	/**
	 * Predicts with whatever version the alias points at now; as
	 * {@link #predictWithVersion}.
	 */
	public Prediction predictWithAlias(String model, String alias, @Nullable String requestId, List<?> instances) {
		return predict(this.directory.alias(model, alias), alias, requestId, instances);
	}

	/**
	 * Points an alias at a version after verifying that the version serves (hash,
	 * allow-list, dependencies, golden examples). A version that fails is refused with
	 * 409 and the alias keeps its current version.
	 */
	public AliasMove moveAlias(String model, String alias, int version, String actor, String reason) {
		return moveAlias(model, alias, version, actor, reason, false);
	}

	/**
	 * As {@link #moveAlias(String, String, int, String, String)}; a version whose input
	 * schema would refuse requests the current one accepts is refused with 409
	 * {@code incompatible-schema} unless {@code allowIncompatible}.
	 */
	public AliasMove moveAlias(String model, String alias, int version, String actor, String reason,
			boolean allowIncompatible) {
		InvalidNameException.checkAlias(alias);
		VersionRef ref = this.directory.version(model, version);
		this.models.get(ref);
		AliasMove move = this.aliases.moveAlias(model, alias, version, actor, reason, allowIncompatible);
		this.directory.aliasMoved(model, alias, ref);
		return move;
	}

	private Prediction predict(VersionRef ref, @Nullable String alias, @Nullable String requestId, List<?> instances) {
		long started = System.nanoTime();
		if (instances == null || instances.isEmpty()) {
			String problem = (instances == null) ? "missing-instances" : "empty-batch";
			rejected(ref, "schema-violation");
			throw new SchemaViolationException(ref.model(), ref.version(), List.of(new SchemaViolation(null, null,
					problem, "a non-empty array 'instances' of feature objects", (instances == null) ? null : "[]")));
		}
		if (instances.size() > this.properties.maxBatchSize()) {
			rejected(ref, "batch-too-large");
			throw new TooLargeException("A batch of " + instances.size() + " instances", this.properties.maxBatchSize(),
					"instances (reproserve.serving.max-batch-size)");
		}
		LoadedBundle bundle = this.models.get(ref);
		List<SchemaViolation> violations = new ArrayList<>();
		List<Map<String, Object>> validated = SchemaValidator.validate(bundle.manifest().inputSchema(), instances,
				violations);
		if (!violations.isEmpty()) {
			rejected(ref, "schema-violation");
			violations.forEach((violation) -> Counter.builder("reproserve.prediction.violations")
				.description("Schema violations in refused predict requests, by kind of problem")
				.tags("model", ref.model(), "problem", violation.problem())
				.register(this.meters)
				.increment());
			throw new SchemaViolationException(ref.model(), ref.version(), violations);
		}
		FeatureSchema schema = bundle.manifest().inputSchema();
		List<Object[]> rows = new ArrayList<>(validated.size());
		for (Map<String, Object> instance : validated) {
			rows.add(schema.row(instance));
		}
		return predicted(ref, alias, requestId, bundle, rows, bundle.predictRows(rows, null), started);
	}

	/**
	 * The version a request names now, with its model, for reading the request's body
	 * straight into that model's features ({@link Target#reader()}).
	 * @throws RuntimeException whatever {@link #predictWithAlias} throws for the name
	 */
	public Target targetOfAlias(String model, String alias) {
		return target(this.directory.alias(model, alias), alias);
	}

	/** As {@link #targetOfAlias}, for an exact version. */
	public Target targetOfVersion(String model, int version) {
		return target(this.directory.version(model, version), null);
	}

	private Target target(VersionRef ref, @Nullable String alias) {
		LoadedBundle bundle = this.models.get(ref);
		InstanceReader reader = this.readers.computeIfAbsent(ref.bundleSha256(),
				(sha) -> new InstanceReader(bundle.manifest().inputSchema()));
		return new Target(ref, alias, bundle, reader);
	}

	/**
	 * Predicts for instances whose values are already typed (a number as {@link Number},
	 * a category as {@link String}, {@code null} or absent where missing) with the
	 * version a target names: another protocol's reading of a request. The instances go
	 * through the same schema check as {@link #predictWithAlias}, with the same outputs,
	 * meters and live counts.
	 * @throws SchemaViolationException listing every violation; the model is not called
	 * @throws TooLargeException for a batch over the limit
	 */
	public Prediction predict(Target target, @Nullable String requestId, List<? extends Map<String, ?>> instances) {
		return predict(target.ref(), target.alias(), requestId, instances);
	}

	/**
	 * The violations of the schema check that {@link #predict(Target, String, List)}
	 * would find in these instances, without predicting: for a protocol that reports the
	 * problems of a request's form and of its values in one answer.
	 */
	public List<SchemaViolation> violations(Target target, List<? extends Map<String, ?>> instances) {
		List<SchemaViolation> violations = new ArrayList<>();
		SchemaValidator.validate(target.bundle().manifest().inputSchema(), instances, violations);
		return violations;
	}

	/**
	 * Predicts for rows that {@link Target#reader()} read (and so validated): the same
	 * outputs and meters as {@link #predictWithAlias} for the same request.
	 */
	public Prediction predictRows(Target target, @Nullable String requestId, List<Object[]> rows) {
		long started = System.nanoTime();
		return predicted(target.ref(), target.alias(), requestId, target.bundle(), rows,
				target.bundle().predictRows(rows, target.reader().nameOrder()), started);
	}

	/**
	 * The verified model of an exact version, loaded as a prediction would load it.
	 * @throws VersionNotServableException if the version failed verification
	 */
	public LoadedBundle loaded(String model, int version) {
		return this.models.get(this.directory.version(model, version));
	}

	public int maxBatchSize() {
		return this.properties.maxBatchSize();
	}

	private Prediction predicted(VersionRef ref, @Nullable String alias, @Nullable String requestId,
			LoadedBundle bundle, List<Object[]> rows, List<ModelOutput> outputs, long started) {
		List<Integer> notFinite = notFinite(outputs);
		if (!notFinite.isEmpty()) {
			rejected(ref, "prediction-not-finite");
			throw PredictionNotFiniteException.forInstances(ref.model(), ref.version(), notFinite);
		}
		Prediction prediction = new Prediction(requestId, ref.model(), ref.version(), alias, ref.bundleSha256(),
				outputs);
		this.live.count(ref, bundle, rows, outputs);
		PredictMeters meters = this.predictMeters.computeIfAbsent(new MeterKey(ref, alias),
				(key) -> PredictMeters.of(this.meters, key));
		meters.instances().increment(outputs.size());
		meters.duration().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		return prediction;
	}

	/** The instances whose output has no label or a score or value that is not finite. */
	private static List<Integer> notFinite(List<ModelOutput> outputs) {
		List<Integer> instances = List.of();
		for (int i = 0; i < outputs.size(); i++) {
			ModelOutput output = outputs.get(i);
			boolean finite = (output.value() != null) ? Double.isFinite(output.value()) : output.label() != null;
			if (finite && output.scores() != null) {
				for (Double score : output.scores().values()) {
					finite &= score != null && Double.isFinite(score);
				}
			}
			if (!finite) {
				if (instances.isEmpty()) {
					instances = new ArrayList<>();
				}
				instances.add(i);
			}
		}
		return instances;
	}

	/**
	 * A version resolved for a request, with its model and its streaming reader.
	 *
	 * @param alias the alias it was reached through, {@code null} for a version number
	 */
	public record Target(VersionRef ref, @Nullable String alias, LoadedBundle bundle, InstanceReader reader) {
	}

	/** The meters of one version as reached one way: by number, or through an alias. */
	private record MeterKey(VersionRef ref, @Nullable String alias) {
	}

	/**
	 * Instances predicted and request latency, by model, version and alias ({@code none}
	 * for a request by version number): a few series per version, never per request.
	 */
	private record PredictMeters(Counter instances, Timer duration) {

		static PredictMeters of(MeterRegistry meters, MeterKey key) {
			Tags tags = Tags.of("model", key.ref().model(), "version", String.valueOf(key.ref().version()), "alias",
					(key.alias() != null) ? key.alias() : "none");
			return new PredictMeters(
					Counter.builder("reproserve.predictions")
						.description("Instances predicted")
						.tags(tags)
						.register(meters),
					Timer.builder("reproserve.prediction.duration")
						.description("Time to answer a predict request: validation and the model, not HTTP")
						.tags(tags)
						.publishPercentileHistogram()
						.register(meters));
		}

	}

	private void rejected(VersionRef ref, String reason) {
		Counter.builder("reproserve.prediction.rejections")
			.description("Predict requests refused before the model was called, by reason")
			.tags("model", ref.model(), "version", String.valueOf(ref.version()), "reason", reason)
			.register(this.meters)
			.increment();
	}

}
