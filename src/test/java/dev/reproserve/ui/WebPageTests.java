package dev.reproserve.ui;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reproserve.datasets.CsvTable;
import dev.reproserve.reproduce.CompareTests;
import dev.reproserve.support.Browser;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page at {@code /ui/} in Debian's headless Chromium, against the whole service:
 * a model with three versions (one reproduced), two aliases that moved, and live traffic.
 * What the page shows is checked against the JSON API and the database; each test saves a
 * screenshot under {@code target/ui-screenshots/}.
 */
@ReproserveTest
class WebPageTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Made once for the class: the model, and a key of each smaller role. */
	private static String model;

	private static String readKey;

	private static String predictKey;

	@LocalServerPort
	int port;

	@Autowired
	RestTestClient rest;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void aModelWithHistory() {
		if (model != null) {
			return;
		}
		ReproserveClient client = new ReproserveClient(this.rest);
		byte[] csv = TestData.shuffled(TestModels.resource("datasets/penguins-complete.csv"), 4242);
		String dataset = client.upload(csv, "penguins-complete.csv").path("id").asString();
		String name = "penguins-ui";
		CompareTests.trainThreeVersions(client, name, dataset);
		move(client, name, "production", 1);
		move(client, name, "staging", 2);
		move(client, name, "production", 3);
		client.reproduced(name, 1);
		predict(client, name, 1, CsvTable.parse(csv));
		readKey = client.as(TestData.uniqueModel("analyst"), "read").keySecret();
		predictKey = client.as(TestData.uniqueModel("scorer"), "predict").keySecret();
		model = name;
	}

	private static void move(ReproserveClient client, String name, String alias, int version) {
		Response moved = client.putJson("/api/v1/models/" + name + "/aliases/" + alias,
				"{\"version\": " + version + ", \"reason\": \"release " + version + "\"}");
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
	}

	/**
	 * The first 150 rows of the data, bills 6 mm longer, as live traffic for version 1,
	 * 50 at a time.
	 */
	private static void predict(ReproserveClient client, String name, int version, CsvTable data) {
		List<Map<String, Object>> instances = new ArrayList<>();
		for (List<String> row : data.rows().subList(0, 150)) {
			Map<String, Object> instance = new LinkedHashMap<>();
			instance.put("island", row.get(data.column("island")));
			// Longer bills than in training: that feature drifts, the others do not.
			instance.put("bill_length_mm", Double.parseDouble(row.get(data.column("bill_length_mm"))) + 6);
			instance.put("bill_depth_mm", Double.parseDouble(row.get(data.column("bill_depth_mm"))));
			instance.put("sex", row.get(data.column("sex")));
			instances.add(instance);
		}
		for (int i = 0; i < instances.size(); i += 50) {
			Response answered = client.postJson("/api/v1/models/" + name + "/versions/" + version + "/predict",
					JSON.writeValueAsString(Map.of("instances", instances.subList(i, i + 50))));
			assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
		}
	}

	private ReproserveClient api() {
		return new ReproserveClient(this.rest);
	}

	/** A new browser session with the read key entered, showing the models. */
	private Browser signedIn() {
		Browser browser = Browser.open(this.port).get("/ui/");
		enterKey(browser, readKey);
		browser.awaitView("/");
		return browser;
	}

	private static void enterKey(Browser browser, String key) {
		WebElement input = browser.find(By.id("key"));
		input.clear();
		input.sendKeys(key);
		browser.find(By.cssSelector("#key-form button[type=submit]")).click();
	}

	@Test
	void asksForAReadKeyOnceAndKeepsItInThisSessionOnly() throws Exception {
		try (Browser browser = Browser.open(this.port).get("/ui/")) {
			browser.find(By.id("key-form"));
			browser.screenshot("01-key");
			enterKey(browser, "rsk_not-a-key-of-this-service-0123456789");
			browser.awaitText(By.id("key-error"), "refused the key");
			enterKey(browser, predictKey);
			browser.awaitText(By.id("key-error"), "role read");
			assertThat(browser.script("return sessionStorage.getItem('reproserve.key')").isNull()).isTrue();

			enterKey(browser, readKey);
			browser.awaitView("/");
			assertThat(browser.find(By.cssSelector("#models tr[data-model='" + model + "']")).getText()).contains(model,
					"production → v3", "staging → v2");
			assertThat(browser.script("return sessionStorage.getItem('reproserve.key')").asString()).isEqualTo(readKey);
			assertThat(browser.script("return localStorage.length").asInt()).isZero();
			assertThat(browser.script("return document.cookie").asString()).isEmpty();
			assertThat(browser.currentUrl()).doesNotContain(readKey);

			// Other views of the same session need no key again.
			browser.get("/ui/#/models/" + model).awaitView("/models/" + model);
			browser.screenshot("02-models");

			// Forgetting it asks again.
			browser.find(By.id("sign-out")).click();
			browser.find(By.id("key-form"));
			assertThat(browser.script("return sessionStorage.length").asInt()).isZero();
		}
		// A new browser session has no key.
		try (Browser browser = Browser.open(this.port).get("/ui/#/models/" + model)) {
			browser.find(By.id("key-form"));
		}
	}

	@Test
	void versionsTableAndChartsShowWhatTheApiSays() {
		JsonNode versions = api().getJson("/api/v1/models/" + model + "/versions?size=100");
		try (Browser browser = signedIn()) {
			browser.find(By.linkText(model)).click();
			browser.awaitView("/models/" + model);
			List<WebElement> rows = browser.findAll(By.cssSelector("#versions tbody tr"));
			assertThat(rows).hasSize(versions.path("totalItems").asInt()).hasSize(3);
			for (int i = 0; i < rows.size(); i++) {
				JsonNode version = versions.path("items").get(i);
				WebElement row = rows.get(i);
				assertThat(row.getAttribute("data-version")).isEqualTo(version.path("version").asString());
				assertThat(row.findElement(By.cssSelector("td.status")).getText())
					.isEqualTo(version.path("status").path("status").asString());
				assertThat(row.findElement(By.cssSelector("td.verdict")).getText())
					.isEqualTo(version.path("reproduction").isNull() ? "not reproduced"
							: version.path("reproduction").path("verdict").asString());
				assertThat(row.getText()).contains(version.path("trainer").asString());
				assertThat(row.findElement(By.cssSelector("td[data-metric=accuracy]")).getText())
					.isEqualTo("%.4f".formatted(version.path("metrics").path("accuracy").asDouble()));
			}
			assertThat(rows.get(2).getText()).contains("identical");

			JsonNode metrics = browser.chartData("#metrics-chart");
			assertThat(metrics.path("labels").valueStream().map(JsonNode::asString)).containsExactly("v1", "v2", "v3");
			JsonNode accuracy = dataset(metrics, "accuracy");
			for (JsonNode version : versions.path("items")) {
				assertThat(accuracy.path("data").get(version.path("version").asInt() - 1).asDouble())
					.isEqualTo(version.path("metrics").path("accuracy").asDouble());
			}

			JsonNode timeline = browser.chartData("#alias-chart");
			assertThat(timeline.path("labels").valueStream().map(JsonNode::asString)).containsExactly("production",
					"staging");
			assertThat(dataset(timeline, "version 1").path("data")).hasSize(1);
			assertThat(dataset(timeline, "version 1").path("data").get(0).path("y").asString()).isEqualTo("production");
			assertThat(dataset(timeline, "version 3").path("data").get(0).path("y").asString()).isEqualTo("production");
			assertThat(dataset(timeline, "version 2").path("data").get(0).path("y").asString()).isEqualTo("staging");
			// Version 1 served production until the moment version 3 took over.
			assertThat(dataset(timeline, "version 1").path("data").get(0).path("x").get(1).asLong())
				.isEqualTo(dataset(timeline, "version 3").path("data").get(0).path("x").get(0).asLong());
			browser.screenshot("03-model");
		}
	}

	private static JsonNode dataset(JsonNode chart, String label) {
		for (JsonNode dataset : chart.path("datasets")) {
			if (dataset.path("label").asString().equals(label)) {
				return dataset;
			}
		}
		throw new AssertionError("no dataset " + label + " in " + chart);
	}

	@Test
	void versionPageShowsTheWholeManifest() {
		JsonNode version = api().getJson("/api/v1/models/" + model + "/versions/1");
		JsonNode manifest = version.path("manifest");
		try (Browser browser = signedIn()) {
			browser.get("/ui/#/models/" + model + "/versions/1").awaitView("/models/" + model + "/versions/1");
			List<String> features = browser.findAll(By.cssSelector("#schema tbody tr"))
				.stream()
				.map((row) -> row.getAttribute("data-feature"))
				.toList();
			assertThat(features).containsExactlyElementsOf(manifest.path("inputSchema")
				.path("features")
				.valueStream()
				.map((f) -> f.path("name").asString())
				.toList());
			String page = browser.find(By.tagName("main")).getText();
			assertThat(page).contains(version.path("bundleSha256").asString(),
					version.path("modelFingerprint").asString(), "trainer = 3", "split = 5", "maxDepth = 4",
					manifest.path("training").path("trainerClass").asString(), "Tribuo",
					manifest.path("dependencies").path("tribuo").asString(), "most-frequent: ");
			assertThat(browser.find(By.id("dataset-id")).getText())
				.isEqualTo(manifest.path("trainingData").path("sha256").asString());
			assertThat(browser.findAll(By.cssSelector("#golden tbody tr")))
				.hasSize(manifest.path("goldenExamples").size());
			assertThat(browser.find(By.cssSelector("#reproductions tbody")).getText()).contains("identical");
			browser.screenshot("04-version");
		}
	}

	@Test
	void diffOfTwoVersionsNamesEachDifference() {
		JsonNode compare = api().getJson("/api/v1/models/" + model + "/versions/compare?from=1&to=3");
		try (Browser browser = signedIn()) {
			browser.get("/ui/#/models/" + model).awaitView("/models/" + model);
			new Select(browser.find(By.id("compare-from"))).selectByValue("1");
			new Select(browser.find(By.id("compare-to"))).selectByValue("2");
			browser.find(By.cssSelector("#compare button")).click();
			browser.awaitView("/models/" + model + "/compare/1/2");
			WebElement seeds = browser.find(By.cssSelector("#differences tr[data-part=seeds][data-item=trainer]"));
			assertThat(seeds.getText()).isEqualTo("seeds trainer 3 4");
			assertThat(browser.find(By.cssSelector("#differences tr[data-part=hyperparameters][data-item=maxDepth]"))
				.getText()).isEqualTo("hyperparameters maxDepth 4 2");
			assertThat(browser.find(By.id("same-model")).getText()).contains("different models");
			assertThat(browser.findAll(By.id("schema-differences"))).isEmpty();

			browser.get("/ui/#/models/" + model + "/compare/1/3").awaitView("/models/" + model + "/compare/1/3");
			List<String> changes = browser.findAll(By.cssSelector("#schema-differences tbody tr"))
				.stream()
				.map(WebElement::getText)
				.toList();
			assertThat(changes).hasSize(compare.path("schema").path("differences").size());
			assertThat(String.join("\n", changes)).contains("became-optional", "added-optional");
			String golden = browser.find(By.cssSelector(".cross[data-direction=v1OnGoldenOfv3]")).getText();
			assertThat(golden).contains(compare.path("golden").path("v1OnGoldenOfv3").path("notComparable").asInt()
					+ " refused by v1's schema");
			assertThat(browser.findAll(By.cssSelector("#differences tbody tr")).size())
				.isGreaterThanOrEqualTo(compare.path("differences").size());
			browser.screenshot("05-compare");
		}
	}

	@Test
	void driftReportShowsEachFeatureAgainstTheTrainingProfile() {
		JsonNode report = api().getJson("/api/v1/models/" + model + "/versions/1/drift");
		try (Browser browser = signedIn()) {
			browser.get("/ui/#/models/" + model + "/versions/1").awaitView("/models/" + model + "/versions/1");
			browser.find(By.id("drift-link")).click();
			browser.awaitView("/models/" + model + "/versions/1/drift");
			for (JsonNode feature : report.path("features")) {
				String name = feature.path("name").asString();
				WebElement card = browser.find(By.cssSelector("#drift-features [data-feature='" + name + "']"));
				assertThat(card.getAttribute("data-verdict")).as(name).isEqualTo(feature.path("verdict").asString());
				JsonNode bars = browser.chartData("#drift-features [data-feature='" + name + "'] canvas");
				assertThat(bars.path("labels")).hasSize(feature.path("bins").size());
				double live = bars.path("datasets")
					.get(1)
					.path("data")
					.valueStream()
					.mapToDouble(JsonNode::asDouble)
					.sum();
				assertThat(live).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1e-9));
			}
			assertThat(browser.find(By.tagName("main")).getText()).contains("150");
			browser.screenshot("06-drift");
		}
	}

	@Test
	void versionCountAndVerdictsOnThePageAreTheDatabases() {
		List<String> expected = this.jdbc.queryForList(
				"SELECT 'v' || version || ' ' || coalesce(reproduction_verdict, 'not reproduced') FROM analytics.model_versions"
						+ " WHERE model = ? ORDER BY version DESC",
				String.class, model);
		try (Browser browser = signedIn()) {
			browser.get("/ui/#/models/" + model).awaitView("/models/" + model);
			List<String> shown = browser.findAll(By.cssSelector("#versions tbody tr"))
				.stream()
				.map((row) -> row.findElement(By.cssSelector("td:first-child")).getText() + " "
						+ row.findElement(By.cssSelector("td.verdict")).getText())
				.toList();
			assertThat(shown).isEqualTo(expected).hasSize(3);
			assertThat(browser.find(By.cssSelector("#verdicts")).getText()).contains("identical 1", "not reproduced 2");
		}
	}

	@Test
	void loadsNothingFromElsewhereAndLogsNoError() {
		Response page = api().withKey(null).get("/ui/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.header("Content-Security-Policy")).hasValueSatisfying((policy) -> assertThat(policy)
			.contains("default-src 'none'", "script-src 'self'", "connect-src 'self'"));
		try (Browser browser = signedIn()) {
			browser.get("/ui/#/models/" + model + "/versions/1/drift")
				.awaitView("/models/" + model + "/versions/1/drift");
			String origin = "http://localhost:" + this.port + "/";
			assertThat(browser.script("return performance.getEntriesByType('resource').map((e) => e.name)")
				.valueStream()
				.map(JsonNode::asString)).isNotEmpty().allMatch((url) -> url.startsWith(origin));
			List<LogEntry> logged = browser.consoleLog();
			assertThat(logged).as(logged.toString()).noneMatch((entry) -> entry.getLevel().intValue() >= 900);
		}
		assertThat(Files.exists(Browser.SCREENSHOTS.getParent())).isTrue();
	}

}
