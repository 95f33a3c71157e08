package usage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openapitools.client.ApiClient;
import org.openapitools.client.ApiException;
import org.openapitools.client.api.ModelsApi;
import org.openapitools.client.api.PredictionsApi;
import org.openapitools.client.model.ModelOutput;
import org.openapitools.client.model.PredictionRequest;
import org.openapitools.client.model.PredictionResponse;
import org.openapitools.client.model.Problem;
import org.openapitools.client.model.ResultPageVersionSummary;
import org.openapitools.client.model.VersionSummary;

/**
 * Calls a business application makes with the Java client that openapi-generator makes
 * of Reproserve's /v3/api-docs (generator java, library native, default options).
 * GeneratedClientTests compiles this beside the generated sources, against the client's
 * own libraries only, and reads the answers as plain maps.
 */
public final class ClientCalls {

	private final ApiClient client = new ApiClient();

	public ClientCalls(String baseUri, String key) {
		this.client.updateBaseUri(baseUri);
		this.client.setRequestInterceptor((request) -> request.header("Authorization", "Bearer " + key));
	}

	public Map<String, Object> predictWithAlias(String model, String alias, Map<String, Object> instance)
			throws ApiException {
		PredictionResponse response = new PredictionsApi(this.client).predictWithAlias(model, alias,
				new PredictionRequest().id("generated-client").instances(List.of(instance)));
		ModelOutput output = response.getPredictions().get(0);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("id", response.getId());
		answer.put("model", response.getModel());
		answer.put("version", response.getVersion());
		answer.put("alias", response.getAlias());
		answer.put("bundleSha256", response.getBundleSha256());
		answer.put("label", output.getLabel());
		answer.put("scores", output.getScores());
		return answer;
	}

	/** A predict request that fails, and its problem as the generated model reads it. */
	public Map<String, Object> refusedPrediction(String model, String alias, Map<String, Object> instance)
			throws Exception {
		try {
			new PredictionsApi(this.client).predictWithAlias(model, alias,
					new PredictionRequest().instances(List.of(instance)));
		}
		catch (ApiException ex) {
			Problem problem = this.client.getObjectMapper().readValue(ex.getResponseBody(), Problem.class);
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("code", ex.getCode());
			answer.put("type", problem.getType().toString());
			answer.put("status", problem.getStatus());
			answer.put("model", problem.getModel());
			answer.put("version", problem.getVersion());
			answer.put("violations", problem.getViolations()
				.stream()
				.map((violation) -> violation.getFeature() + " " + violation.getProblem())
				.toList());
			return answer;
		}
		throw new AssertionError("The prediction was not refused");
	}

	public Map<String, Object> listVersions(String model, int page, int size) throws ApiException {
		ResultPageVersionSummary versions = new ModelsApi(this.client).listVersions(model, page, size, null, null,
				null, null, null, null);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("versions", versions.getItems().stream().map(VersionSummary::getVersion).toList());
		answer.put("page", versions.getPage());
		answer.put("size", versions.getSize());
		answer.put("totalItems", versions.getTotalItems());
		answer.put("totalPages", versions.getTotalPages());
		return answer;
	}

}
