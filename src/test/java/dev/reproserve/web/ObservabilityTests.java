package dev.reproserve.web;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.bundle.DependencyList;
import dev.reproserve.bundle.Sha256;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestModels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator scrapes and checks: Prometheus metrics after real predictions, the
 * SBOM, the dependencies a version records beside the running ones, and which actuator
 * endpoints are there at all.
 */
@ReproserveTest
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTests {

	@Autowired
	RestTestClient rest;

	@Autowired
	ModelRegistry registry;

	private ReproserveClient client() {
		return new ReproserveClient(this.rest);
	}

	@Test
	void prometheusCarriesPredictionRejectionAndLoadMetricsWithTheirLabels() {
		String model = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
		this.registry.register(model, TestModels.trainIris(3).bundle(), "tests");
		ReproserveClient client = client();
		assertThat(client
			.putJson("/api/v1/models/" + model + "/aliases/production", "{\"version\": 1, \"reason\": \"metrics\"}")
			.statusCode()).isEqualTo(200);
		String setosa = JsonMapper.builder().build().writeValueAsString(TestModels.setosa());
		assertThat(client
			.postJson("/api/v1/models/" + model + "/aliases/production/predict",
					"{\"instances\": [" + setosa + ", " + setosa + "]}")
			.statusCode()).isEqualTo(200);
		problem(client.postJson("/api/v1/models/" + model + "/versions/1/predict",
				"{\"instances\": [{\"sepal_length\": \"long\"}]}"), 422, "schema-violation");

		Response scrape = client.as("scraper-" + model, "read").get("/actuator/prometheus");

		assertThat(scrape.statusCode()).isEqualTo(200);
		String metrics = scrape.body();
		String labels = "model=\"" + model + "\"";
		assertThat(metrics)
			.contains("reproserve_predictions_total{alias=\"production\"," + labels + ",version=\"1\"} 2.0")
			.contains("reproserve_prediction_duration_seconds_bucket{alias=\"production\"," + labels)
			.contains(
					"reproserve_prediction_duration_seconds_count{alias=\"production\"," + labels + ",version=\"1\"} 1")
			.contains("reproserve_prediction_rejections_total{" + labels
					+ ",reason=\"schema-violation\",version=\"1\"} 1.0")
			.contains("reproserve_prediction_violations_total{" + labels + ",problem=\"wrong-type\"} 1.0")
			.contains("reproserve_prediction_violations_total{" + labels + ",problem=\"missing\"} 3.0")
			.contains("reproserve_model_loads_total{" + labels
					+ ",outcome=\"verified\",reason=\"none\",version=\"1\"} 1.0")
			.contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"POST\","
					+ "outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/models/{name}/aliases/{alias}/predict\"}")
			.contains("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"POST\","
					+ "outcome=\"CLIENT_ERROR\",status=\"422\",uri=\"/api/v1/models/{name}/versions/{version}/predict\"}")
			.contains("http_server_requests_active_seconds_count{exception=\"none\",method=\"POST\","
					+ "outcome=\"SUCCESS\",status=\"200\",uri=\"UNKNOWN\"}")
			.contains("reproserve_models_loaded ")
			.contains("reproserve_models_loaded_bytes ");
		// No request id or feature value ever becomes a label.
		assertThat(metrics).doesNotContain("=\"long\"").doesNotContain("=\"5.1\"");
	}

	@Test
	void theSbomIsServedAndEveryNewBundleRecordsItsTribuoVersionAndDigest() {
		ReproserveClient client = client();
		Response sbom = client.get("/actuator/sbom/application");
		assertThat(sbom.statusCode()).isEqualTo(200);
		String tribuo = null;
		for (JsonNode component : sbom.json().path("components")) {
			if (component.path("group").asString().equals("org.tribuo")
					&& component.path("name").asString().equals("tribuo-core")) {
				tribuo = component.path("version").asString();
			}
		}
		String model = "sbom-" + UUID.randomUUID().toString().substring(0, 8);

		this.registry.register(model, TestModels.trainIris(5).bundle(), "tests");

		JsonNode dependencies = client.getJson("/api/v1/models/" + model + "/versions/1/dependencies");
		JsonNode recorded = dependencies.path("recorded");
		assertThat(recorded.path("tribuo").asString()).isEqualTo(tribuo);
		assertThat(recorded.path("components").path("org.tribuo:tribuo-core").asString()).isEqualTo(tribuo);
		assertThat(recorded.path("sbomSha256").asString()).isEqualTo(Sha256.hex(sbom.bytes()));
		assertThat(dependencies.path("running").path("sbomSha256").asString()).isEqualTo(Sha256.hex(sbom.bytes()));
		assertThat(dependencies.path("errors")).isEmpty();
		assertThat(dependencies.path("notes")).isEmpty();
		assertThat(DependencyList.current().tribuo()).isEqualTo(tribuo);
	}

	@Test
	void everyRequestHasAnIdThatIsReturnedAndInItsLogLines(CapturedOutput output) {
		String model = "traced-" + UUID.randomUUID().toString().substring(0, 8);
		this.registry.register(model, TestModels.trainIris(7).bundle(), "tests");
		String setosa = JsonMapper.builder().build().writeValueAsString(TestModels.setosa());
		ReproserveClient client = client();

		// The version loads on this first prediction, and says so in the log.
		Response traced = client.postJsonWithHeader("/api/v1/models/" + model + "/versions/1/predict",
				"{\"instances\": [" + setosa + "]}", "X-Request-Id", "trace-me-42");

		assertThat(traced.header("X-Request-Id")).hasValue("trace-me-42");
		assertThat(output.getOut()).containsPattern("\\[trace-me-42\\].*Loaded " + model + " version 1");
		assertThat(client.get("/api/v1/models").header("X-Request-Id"))
			.hasValueSatisfying((id) -> assertThat(UUID.fromString(id)).isNotNull());
		// A value that could forge log lines is replaced, and refusals carry an id too.
		Response refused = client.withKey(null).postJsonWithHeader("/api/v1/models", "{}", "X-Request-Id", "x y\tz");
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.header("X-Request-Id")).hasValueSatisfying((id) -> assertThat(id).doesNotContain(" "));
	}

	@Test
	void actuatorExposesOnlyHealthInfoPrometheusAndSbom() {
		ReproserveClient client = client();

		assertThat(client.getJson("/actuator/info").path("git").path("commit").path("id").isMissingNode()).isFalse();
		assertThat(client.getJson("/actuator/info").path("image").path("version").asString()).isEqualTo("none");
		for (String hidden : new String[] { "/actuator/env", "/actuator/metrics", "/actuator/beans",
				"/actuator/configprops", "/actuator/heapdump" }) {
			assertThat(client.get(hidden).statusCode()).as(hidden).isEqualTo(404);
		}
	}

}
