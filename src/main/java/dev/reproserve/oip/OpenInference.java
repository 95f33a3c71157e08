package dev.reproserve.oip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.oip.internal.InputTensors;
import dev.reproserve.oip.internal.OutputTensors;
import dev.reproserve.registry.ModelAliases;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.VersionDetails;
import dev.reproserve.serving.ModelServing;
import dev.reproserve.serving.Prediction;
import dev.reproserve.serving.SchemaViolation;
import dev.reproserve.serving.SchemaViolationException;
import dev.reproserve.serving.VersionNotServableException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;

/**
 * The Open Inference Protocol (v2) over Reproserve's models. A model named without a
 * version means the version that {@code reproserve.oip.default-alias} points at.
 * Inference goes through serving as every prediction does: the same verified model in
 * memory, the same schema check, meters and live counts; only the request's tensors are
 * read here, into instances of the model's features.
 */
@Service
public class OpenInference {

	static final String PLATFORM = "tribuo_protobuf";

	private final ModelServing serving;

	private final ModelRegistry registry;

	private final ModelAliases aliases;

	private final OipProperties properties;

	private final ApplicationAvailability availability;

	private final String serverVersion;

	OpenInference(ModelServing serving, ModelRegistry registry, ModelAliases aliases, OipProperties properties,
			ApplicationAvailability availability, ObjectProvider<BuildProperties> build) {
		this.serving = serving;
		this.registry = registry;
		this.aliases = aliases;
		this.properties = properties;
		this.availability = availability;
		BuildProperties built = build.getIfAvailable();
		this.serverVersion = (built != null && built.getVersion() != null) ? built.getVersion() : "unknown";
	}

	/** Whether the service can answer: its liveness, as its own probe reports it. */
	public boolean live() {
		return this.availability.getLivenessState() == LivenessState.CORRECT;
	}

	/**
	 * Whether the service takes traffic: its readiness, which it reaches once every
	 * aliased version is loaded and verified, and leaves when it shuts down.
	 */
	public boolean ready() {
		return this.availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
	}

	public ServerMetadata serverMetadata() {
		return new ServerMetadata("reproserve", this.serverVersion, List.of());
	}

	/**
	 * A version's inputs and outputs as tensors, read from its manifest (the version need
	 * not be loaded, nor servable).
	 * @param version the version, or null for the one the default alias points at
	 */
	public ModelMetadata modelMetadata(String model, @Nullable Integer version) {
		int number = (version != null) ? version : this.aliases.aliasRef(model, defaultAlias()).version();
		VersionDetails details = this.registry.version(model, number);
		List<String> versions = IntStream.rangeClosed(1, this.registry.model(model).latestVersion())
			.mapToObj(String::valueOf)
			.toList();
		BundleManifest manifest = details.manifest();
		return new ModelMetadata(model, versions, PLATFORM, InputTensors.metadata(manifest.inputSchema()),
				OutputTensors.metadata(manifest.output()),
				provenance(number, details.summary().bundleSha256(), (version != null) ? null : defaultAlias()));
	}

	/**
	 * Whether a version serves: loaded and verified on this replica (loading it if it is
	 * not yet).
	 * @throws RuntimeException as {@link ModelServing#predictWithVersion} does for an
	 * unknown model, version or alias
	 */
	public boolean modelReady(String model, @Nullable Integer version) {
		try {
			target(model, version);
			return true;
		}
		catch (VersionNotServableException ex) {
			return false;
		}
	}

	/**
	 * Predicts for a request's tensors.
	 * @throws InvalidInferenceRequestException listing every violation: of the tensors'
	 * form, of the outputs asked for, and of the schema by the values
	 * @throws RuntimeException whatever {@link ModelServing#predict} throws besides
	 */
	public InferenceResponse infer(String model, @Nullable Integer version, InferenceRequest request) {
		ModelServing.Target target = target(model, version);
		BundleManifest manifest = target.bundle().manifest();
		InputTensors.Read read = InputTensors.read(manifest.inputSchema(), request.inputs());
		List<SchemaViolation> violations = new ArrayList<>(read.violations());
		List<String> outputs = OutputTensors.requested(manifest.output(), request.outputs(), violations);
		if (!violations.isEmpty()) {
			// The values of the tensors that could be read are checked too, so that one
			// answer lists every problem that can be known.
			if (!read.instances().isEmpty()) {
				violations.addAll(read.valueViolations(this.serving.violations(target, read.instances())));
			}
			throw InvalidInferenceRequestException.forViolations(model, target.ref().version(), violations);
		}
		Prediction prediction;
		try {
			prediction = this.serving.predict(target, request.id(), read.instances());
		}
		catch (SchemaViolationException ex) {
			throw InvalidInferenceRequestException.forViolations(model, target.ref().version(), ex.violations());
		}
		return new InferenceResponse(prediction.model(), String.valueOf(prediction.version()), prediction.id(),
				provenance(null, prediction.bundleSha256(), prediction.alias()),
				OutputTensors.encode(manifest.output(), prediction.outputs(), outputs));
	}

	private ModelServing.Target target(String model, @Nullable Integer version) {
		return (version != null) ? this.serving.targetOfVersion(model, version)
				: this.serving.targetOfAlias(model, defaultAlias());
	}

	private String defaultAlias() {
		return this.properties.defaultAlias();
	}

	/** Which bundle answered, and the alias that chose it, as protocol parameters. */
	private static Map<String, Object> provenance(@Nullable Integer version, String bundleSha256,
			@Nullable String alias) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		if (version != null) {
			parameters.put("version", String.valueOf(version));
		}
		parameters.put("bundle_sha256", bundleSha256);
		if (alias != null) {
			parameters.put("alias", alias);
		}
		return parameters;
	}

}
