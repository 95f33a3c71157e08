package dev.reproserve.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * The tag and the operation id of every operation in the OpenAPI document, in one table.
 * Client generators make one API class per tag and one method per operation id, so tags
 * name capabilities (not controller classes) and ids say what a call does and are unique
 * in the whole document (springdoc's defaults are the handler method names, with
 * {@code _1} suffixes where two collide). The table is keyed by method and path, which
 * are the API's, not the code's: a controller can be renamed or split without changing a
 * generated client. An operation missing from the table keeps springdoc's defaults and is
 * logged; {@code OpenApiDocumentTests} fails on it.
 */
@Component
class OpenApiOperations implements GlobalOpenApiCustomizer {

	private static final Logger log = LoggerFactory.getLogger(OpenApiOperations.class);

	/** The tags, in the order the document lists them. */
	enum ApiTag {

		PREDICTIONS("Predictions",
				"Predict with the version an alias names or with an exact version. Instances are "
						+ "checked against the version's input schema: a 422 lists every violation."),

		MODELS("Models",
				"Models and their immutable, verified versions: register a bundle, list and filter versions, "
						+ "read a version's input schema, dependencies and bundle, compare two versions."),

		ALIASES("Aliases",
				"Names such as production that point at a version: move one (the version is verified "
						+ "first), read where it points now or at a past instant, and the history of every move."),

		DATASETS("Datasets",
				"Immutable dataset snapshots, identified by the SHA-256 of their canonical CSV: "
						+ "uploaded files, queries on configured SQL sources, and declared references."),

		TRAININGS("Trainings",
				"Training jobs from a dataset snapshot and a pipeline spec, and the trainers they may use."),

		REPRODUCTIONS("Reproductions",
				"Re-train a version from its recorded snapshot, spec and seeds, and the "
						+ "verdicts of those reproductions."),

		DRIFT("Drift",
				"A version's training profile against the live traffic it answered, per feature and "
						+ "for the output."),

		KEYS("Keys", "API keys and their roles (predict, read, admin); admin keys only."),

		OPEN_INFERENCE_PROTOCOL("Open Inference Protocol",
				"The Open Inference Protocol v2 (KServe, MLServer, Triton clients) on the same models. Errors are "
						+ "the protocol's {\"error\": ...} body, not problem+json.");

		private final String title;

		private final String description;

		ApiTag(String title, String description) {
			this.title = title;
			this.description = description;
		}

	}

	private record Naming(ApiTag tag, String operationId) {
	}

	private static final String MODEL = "/api/v1/models/{name}";

	private static final String VERSION = MODEL + "/versions/{version}";

	private static final String ALIAS = MODEL + "/aliases/{alias}";

	private static final Map<String, Naming> OPERATIONS = new LinkedHashMap<>();

	static {
		name(ApiTag.PREDICTIONS, "POST", ALIAS + "/predict", "predictWithAlias");
		name(ApiTag.PREDICTIONS, "POST", VERSION + "/predict", "predictWithVersion");

		name(ApiTag.MODELS, "GET", "/api/v1/models", "listModels");
		name(ApiTag.MODELS, "GET", MODEL, "getModel");
		name(ApiTag.MODELS, "GET", MODEL + "/versions", "listVersions");
		name(ApiTag.MODELS, "POST", MODEL + "/versions", "registerVersion");
		name(ApiTag.MODELS, "GET", VERSION, "getVersion");
		name(ApiTag.MODELS, "GET", VERSION + "/schema", "getVersionSchema");
		name(ApiTag.MODELS, "GET", VERSION + "/dependencies", "getVersionDependencies");
		name(ApiTag.MODELS, "GET", VERSION + "/bundle", "downloadBundle");
		name(ApiTag.MODELS, "GET", MODEL + "/versions/compare", "compareVersions");

		name(ApiTag.ALIASES, "GET", MODEL + "/aliases", "listAliases");
		name(ApiTag.ALIASES, "GET", ALIAS, "getAlias");
		name(ApiTag.ALIASES, "PUT", ALIAS, "moveAlias");
		name(ApiTag.ALIASES, "GET", MODEL + "/history", "listAliasHistory");

		name(ApiTag.DATASETS, "GET", "/api/v1/datasets", "listDatasets");
		name(ApiTag.DATASETS, "POST", "/api/v1/datasets", "createDataset");
		name(ApiTag.DATASETS, "GET", "/api/v1/datasets/{id}", "getDataset");
		name(ApiTag.DATASETS, "GET", "/api/v1/datasets/{id}/data", "downloadDatasetData");

		name(ApiTag.TRAININGS, "POST", "/api/v1/trainings", "startTraining");
		name(ApiTag.TRAININGS, "GET", "/api/v1/trainings", "listTrainings");
		name(ApiTag.TRAININGS, "GET", "/api/v1/trainings/{id}", "getTraining");
		name(ApiTag.TRAININGS, "GET", "/api/v1/trainers", "listTrainers");

		name(ApiTag.REPRODUCTIONS, "POST", VERSION + "/reproductions", "reproduceVersion");
		name(ApiTag.REPRODUCTIONS, "GET", VERSION + "/reproductions", "listReproductions");
		name(ApiTag.REPRODUCTIONS, "GET", VERSION + "/reproductions/{id}", "getReproduction");
		name(ApiTag.REPRODUCTIONS, "GET", VERSION + "/reproduction-jobs/{id}", "getReproductionJob");

		name(ApiTag.DRIFT, "GET", VERSION + "/drift", "getVersionDrift");
		name(ApiTag.DRIFT, "GET", ALIAS + "/drift", "getAliasDrift");

		name(ApiTag.KEYS, "POST", "/api/v1/keys", "createKey");
		name(ApiTag.KEYS, "GET", "/api/v1/keys", "listKeys");
		name(ApiTag.KEYS, "GET", "/api/v1/keys/{name}", "getKey");
		name(ApiTag.KEYS, "DELETE", "/api/v1/keys/{name}", "revokeKey");

		// The protocol's own names for its calls (ServerLive, ModelInfer, ...).
		name(ApiTag.OPEN_INFERENCE_PROTOCOL, "GET", "/v2/health/live", "serverLive");
		name(ApiTag.OPEN_INFERENCE_PROTOCOL, "GET", "/v2/health/ready", "serverReady");
		name(ApiTag.OPEN_INFERENCE_PROTOCOL, "GET", "/v2", "serverMetadata");
		name(ApiTag.OPEN_INFERENCE_PROTOCOL, "GET", "/v2/models/{name}", "modelMetadata");
		name(ApiTag.OPEN_INFERENCE_PROTOCOL, "GET", "/v2/models/{name}/versions/{version}", "modelVersionMetadata");
		name(ApiTag.OPEN_INFERENCE_PROTOCOL, "GET", "/v2/models/{name}/ready", "modelReady");
		name(ApiTag.OPEN_INFERENCE_PROTOCOL, "GET", "/v2/models/{name}/versions/{version}/ready", "modelVersionReady");
		name(ApiTag.OPEN_INFERENCE_PROTOCOL, "POST", "/v2/models/{name}/infer", "modelInfer");
		name(ApiTag.OPEN_INFERENCE_PROTOCOL, "POST", "/v2/models/{name}/versions/{version}/infer", "modelVersionInfer");
	}

	private static void name(ApiTag tag, String method, String path, String operationId) {
		OPERATIONS.put(method + " " + path, new Naming(tag, operationId));
	}

	@Override
	public void customise(OpenAPI api) {
		api.setTags(Arrays.stream(ApiTag.values())
			.map((tag) -> new Tag().name(tag.title).description(tag.description))
			.toList());
		if (api.getPaths() == null) {
			return;
		}
		// The server metadata answers on /v2/ too, for clients that add the slash; one
		// path is the operation, or generators make two methods of it.
		api.getPaths().remove("/v2/");
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			Naming naming = OPERATIONS.get(method + " " + path);
			if (naming == null) {
				log.warn("No tag and operation id for {} {} in OpenApiOperations: the OpenAPI document keeps "
						+ "springdoc's defaults for it", method, path);
				return;
			}
			name(operation, naming);
		}));
	}

	private static void name(Operation operation, Naming naming) {
		operation.setTags(List.of(naming.tag().title));
		operation.setOperationId(naming.operationId());
	}

}
