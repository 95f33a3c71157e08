package dev.reproserve.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium, driven through its own chromedriver by Selenium, on a fresh
 * profile: a new browser session each time. Both binaries are given by path, so Selenium
 * Manager never looks for (or downloads) a browser. Where Chromium is not installed the
 * test is skipped, saying so, except on CI ({@code CI=true}), whose {@code .ci/run}
 * installs it: there it fails.
 */
public final class Browser implements AutoCloseable {

	/** Where the screenshots go. */
	public static final Path SCREENSHOTS = Path.of("target/ui-screenshots");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ChromeDriver driver;

	private final String base;

	private final Path profile;

	private Browser(ChromeDriver driver, String base, Path profile) {
		this.driver = driver;
		this.base = base;
		this.profile = profile;
	}

	/** A new browser session on the service at the given port. */
	public static Browser open(int port) {
		Path chromium = Path.of(env("REPROSERVE_TEST_CHROMIUM", "/usr/bin/chromium"));
		Path chromedriver = Path.of(env("REPROSERVE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
		boolean installed = Files.isExecutable(chromium) && Files.isExecutable(chromedriver);
		if (!installed && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("Chromium is not installed at " + chromium + " and " + chromedriver
					+ ": .ci/run installs Debian's chromium and chromium-driver");
		}
		Assumptions.assumeTrue(installed, () -> "Browser tests skipped: no Chromium at " + chromium + " and "
				+ chromedriver + " (apt-get install chromium chromium-driver)");
		try {
			Path profile = Files.createTempDirectory("reproserve-chromium-");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(chromium.toFile());
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
					"--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=en-US", "--user-data-dir=" + profile);
			LoggingPreferences logs = new LoggingPreferences();
			logs.enable(LogType.BROWSER, Level.ALL);
			options.setCapability("goog:loggingPrefs", logs);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
				.usingAnyFreePort()
				.build();
			return new Browser(new ChromeDriver(service, options), "http://localhost:" + port, profile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String env(String name, String otherwise) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? otherwise : value;
	}

	/** Loads the page at the given path of the service ({@code /ui/#/models}). */
	public Browser get(String path) {
		this.driver.get(this.base + path);
		return this;
	}

	/**
	 * Waits until the page shows the view of the given fragment path
	 * ({@code /models/iris}).
	 */
	public Browser awaitView(String path) {
		new WebDriverWait(this.driver, WAIT)
			.withMessage(() -> "the view " + path + " to be shown; the page shows: "
					+ this.driver.findElement(By.tagName("main")).getText())
			.until((d) -> path.equals(script("return document.body.dataset.view ?? null").asString(null)));
		return this;
	}

	/** The element once it is visible. */
	public WebElement find(By by) {
		return new WebDriverWait(this.driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	public List<WebElement> findAll(By by) {
		return this.driver.findElements(by);
	}

	/** Waits until the element's text contains the given text. */
	public void awaitText(By by, String text) {
		new WebDriverWait(this.driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
	}

	/** Runs a script in the page; what it returns must be JSON-serializable. */
	public JsonNode script(String script, Object... arguments) {
		Object result = ((JavascriptExecutor) this.driver).executeScript(script, arguments);
		return JSON.valueToTree(result);
	}

	/** The data a Chart.js chart draws, as JSON. */
	public JsonNode chartData(String canvasSelector) {
		return JSON.readTree(script("return JSON.stringify(Chart.getChart(document.querySelector(arguments[0])).data)",
				canvasSelector)
			.asString());
	}

	public String currentUrl() {
		return this.driver.getCurrentUrl();
	}

	/** What the page logged to its console (errors, CSP violations). */
	public List<LogEntry> consoleLog() {
		return this.driver.manage().logs().get(LogType.BROWSER).getAll();
	}

	/**
	 * A screenshot of the whole page, saved as {@code target/ui-screenshots/<name>.png}.
	 */
	public Path screenshot(String name) {
		try {
			long height = script("return document.documentElement.scrollHeight").asLong();
			this.driver.manage()
				.window()
				.setSize(new Dimension(1400, (int) Math.max(800, Math.min(height + 40, 6000))));
			byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, png);
			assertThat(png.length).isGreaterThan(1000);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			org.springframework.util.FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

}
