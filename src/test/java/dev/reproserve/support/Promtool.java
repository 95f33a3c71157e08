package dev.reproserve.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code promtool} (package {@code prometheus}), the linter Prometheus itself
 * applies to an exposition. Where it is not installed the test is skipped, saying so,
 * except on CI ({@code CI=true}), whose {@code .ci/run} installs it: there it fails.
 */
public final class Promtool {

	private final Path binary;

	private Promtool(Path binary) {
		this.binary = binary;
	}

	/**
	 * The installed promtool ({@code REPROSERVE_TEST_PROMTOOL}, else /usr/bin/promtool).
	 */
	public static Promtool installed() {
		String configured = System.getenv("REPROSERVE_TEST_PROMTOOL");
		Path binary = Path.of((configured != null && !configured.isBlank()) ? configured : "/usr/bin/promtool");
		boolean installed = Files.isExecutable(binary);
		if (!installed && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException(
					"promtool is not installed at " + binary + ": .ci/run installs Debian's prometheus package");
		}
		Assumptions.assumeTrue(installed,
				() -> "promtool checks skipped: no promtool at " + binary + " (apt-get install prometheus)");
		return new Promtool(binary);
	}

	/**
	 * {@code promtool check metrics} on a scrape in Prometheus's text format.
	 * @return every line it printed (none when the scrape lints clean)
	 */
	public List<String> checkMetrics(String scrape) {
		return run(scrape, "check", "metrics").output();
	}

	/** What promtool answered: its exit code and every line it printed. */
	public record Result(int exitCode, List<String> output) {
	}

	/**
	 * {@code promtool check rules} on PromQL expressions, each as a recording rule:
	 * whether Prometheus parses them.
	 */
	public Result checkExpressions(List<String> expressions) throws IOException {
		StringBuilder rules = new StringBuilder("groups:\n  - name: expressions\n    rules:\n");
		for (int i = 0; i < expressions.size(); i++) {
			rules.append("      - record: expression_")
				.append(i)
				.append("\n        expr: '")
				.append(expressions.get(i).replace("'", "''"))
				.append("'\n");
		}
		Path file = Files.createTempFile("promtool-rules-", ".yml");
		try {
			Files.writeString(file, rules);
			return run("", "check", "rules", file.toString());
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private Result run(String input, String... arguments) {
		try {
			List<String> command = new java.util.ArrayList<>(List.of(this.binary.toString()));
			command.addAll(List.of(arguments));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			try (OutputStream in = process.getOutputStream()) {
				in.write(input.getBytes(StandardCharsets.UTF_8));
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"promtool " + String.join(" ", arguments) + " did not finish within 60 s");
			}
			return new Result(process.exitValue(), output.lines().filter((line) -> !line.isBlank()).toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
