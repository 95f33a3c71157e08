package dev.reproserve.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.drift.internal.WindowFlusher;
import dev.reproserve.support.Promtool;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestModels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scrape of {@code /actuator/prometheus} with every meter of ours touched (a training,
 * a load, predictions, a rejection, a reproduction, the drift gauges) passes
 * {@code promtool check metrics}: each has its help text and a name Prometheus accepts.
 * Spring's and Tomcat's meters have help text too; promtool's only other lines are about
 * the names of three of Micrometer's standard JVM and system meters. Every query of the
 * Grafana dashboard is PromQL that Prometheus parses, over metrics the scrape carries.
 */
@ReproserveTest
class PrometheusLintTests {

	/** Every meter family of ours that the scrape must carry, as Prometheus names it. */
	static final List<String> FAMILIES = List.of("reproserve_predictions_total",
			"reproserve_prediction_duration_seconds", "reproserve_prediction_rejections_total",
			"reproserve_prediction_violations_total", "reproserve_model_loads_total", "reproserve_models_loaded",
			"reproserve_models_loaded_bytes", "reproserve_models_loaded_budget_bytes", "reproserve_models_drifted",
			"reproserve_training_jobs_total", "reproserve_training_duration_seconds", "reproserve_reproductions_total",
			"reproserve_reproduction_duration_seconds", "reproserve_drift_psi", "reproserve_drift_output_psi");

	/**
	 * What promtool says of Micrometer's standard JVM and system meters, whose names
	 * dashboards everywhere know: left as they are.
	 */
	static final List<String> MICROMETER_NAMES = List.of(
			"jvm_compilation_time_ms_total metric names should not contain abbreviated units",
			"process_cpu_time_ns_total metric names should not contain abbreviated units",
			"system_cpu_count non-histogram and non-summary metrics should not have \"_count\" suffix");

	@Autowired
	RestTestClient rest;

	@Autowired
	WindowFlusher flusher;

	@Test
	void aScrapeWithEveryMeterOfOursTouchedLintsClean() throws Exception {
		Promtool promtool = Promtool.installed();
		ReproserveClient client = new ReproserveClient(this.rest);
		String model = TestData.uniqueModel("lint");
		String dataset = client.upload(TestData.iris(), "iris.csv").path("id").asString();
		client.train(TestData.request(model, dataset, TestData.irisSpec(), "alice"));
		assertThat(client
			.putJson("/api/v1/models/" + model + "/aliases/production", "{\"version\": 1, \"reason\": \"lint\"}")
			.statusCode()).isEqualTo(200);
		String setosa = JsonMapper.builder().build().writeValueAsString(TestModels.setosa());
		assertThat(client
			.postJson("/api/v1/models/" + model + "/aliases/production/predict", "{\"instances\": [" + setosa + "]}")
			.statusCode()).isEqualTo(200);
		problem(client.postJson("/api/v1/models/" + model + "/versions/1/predict",
				"{\"instances\": [{\"sepal_length\": \"long\"}]}"), 422, "schema-violation");
		Response reproduction = client.reproduce(model, 1);
		assertThat(reproduction.statusCode()).as(reproduction.body()).isIn(201, 202);
		this.flusher.window();

		await().untilAsserted(() -> assertThat(missing(scrape(client))).as("families not in the scrape").isEmpty());
		String scrape = scrape(client);
		Files.writeString(Path.of("target/prometheus-scrape.txt"), scrape);

		List<String> problems = promtool.checkMetrics(scrape);
		assertThat(problems.stream().filter((line) -> line.contains("reproserve_")))
			.as("promtool check metrics on our meters; all it said: %s", problems)
			.isEmpty();
		assertThat(problems).as("promtool check metrics on the whole scrape").isSubsetOf(MICROMETER_NAMES);
		// Every family has its help text in the scrape itself too.
		for (String family : FAMILIES) {
			String stem = family.endsWith("_total") ? family.substring(0, family.length() - "_total".length()) : family;
			assertThat(scrape).as(family).containsPattern("(?m)^# HELP " + Pattern.quote(stem) + "(_total)? \\S");
		}
		everyDashboardExpressionParsesAndNamesMetricsOfTheScrape(promtool, scrape);
		System.out.println("promtool check metrics on the scrape printed " + problems.size() + " line(s)"
				+ problems.stream().map((line) -> "\n  " + line).collect(Collectors.joining()));
	}

	/**
	 * The Grafana dashboard's queries, with Grafana's interval variables as Prometheus
	 * would get them: valid PromQL, over metric names this scrape carries.
	 */
	private static void everyDashboardExpressionParsesAndNamesMetricsOfTheScrape(Promtool promtool, String scrape)
			throws Exception {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(Path.of("deploy/grafana/reproserve-dashboard.json")));
		List<String> expressions = new ArrayList<>();
		dashboard.path("panels")
			.forEach((panel) -> panel.path("targets")
				.forEach((target) -> expressions
					.add(target.path("expr").asString().replace("$__rate_interval", "5m").replace("$__range", "1h"))));
		assertThat(expressions).hasSizeGreaterThanOrEqualTo(16);

		Promtool.Result parsed = promtool.checkExpressions(expressions);

		assertThat(parsed.exitCode()).as("promtool check rules: %s", parsed.output()).isZero();
		Matcher names = Pattern.compile("\\b(?:reproserve|http_server)_[a-z_]+").matcher(String.join(" ", expressions));
		while (names.find()) {
			assertThat(scrape).as("a sample of " + names.group()).containsPattern("(?m)^" + names.group() + "[{ ]");
		}
	}

	private static List<String> missing(String scrape) {
		return FAMILIES.stream()
			.filter((family) -> !Pattern.compile("(?m)^# TYPE " + Pattern.quote(family) + " ").matcher(scrape).find())
			.toList();
	}

	private static String scrape(ReproserveClient client) {
		return client.get("/actuator/prometheus").body();
	}

}
