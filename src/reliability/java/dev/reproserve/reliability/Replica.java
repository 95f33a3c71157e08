package dev.reproserve.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service process: the built jar, started with {@code java -jar} against the drills'
 * database, its log in a file of its own. Stopped with SIGTERM (graceful) or SIGKILL
 * ({@link #kill9()}: no shutdown hook, no chance to clean up, as a crashed node).
 */
final class Replica implements AutoCloseable {

	final String name;

	final int port;

	final Path log;

	private final Process process;

	private Replica(String name, int port, Path log, Process process) {
		this.name = name;
		this.port = port;
		this.log = log;
		this.process = process;
	}

	static Replica start(String name, int port, DrillDatabase db, Path jar, Path logs, Map<String, String> extra)
			throws IOException {
		Path log = logs.resolve(name + ".log");
		List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx768m",
				"-Dreliability.replica=" + name, "-jar", jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		Map<String, String> env = builder.environment();
		Map<String, String> settings = new HashMap<>();
		settings.put("SPRING_DATASOURCE_URL", db.url());
		settings.put("SPRING_DATASOURCE_USERNAME", "postgres");
		settings.put("SERVER_PORT", String.valueOf(port));
		settings.put("REPROSERVE_SECURITY_ADMIN_KEY", Drills.ADMIN_KEY);
		// Alias changes reach other replicas through notifications only: the scheduled
		// re-read would hide a listener that did not come back.
		settings.put("REPROSERVE_SERVING_ALIAS_REFRESH_INTERVAL", "1h");
		settings.put("REPROSERVE_TRAINING_ORPHAN_CHECK_INTERVAL", "2s");
		settings.put("REPROSERVE_REGISTRY_MAX_BUNDLE_SIZE", "64MB");
		settings.put("REPROSERVE_DATASETS_MAX_SIZE", "64MB");
		settings.put("SPRING_SERVLET_MULTIPART_MAX_FILE_SIZE", "64MB");
		settings.put("SPRING_SERVLET_MULTIPART_MAX_REQUEST_SIZE", "70MB");
		settings.put("OMP_WAIT_POLICY", "PASSIVE");
		settings.putAll(extra);
		env.putAll(settings);
		return new Replica(name, port, log, builder.start());
	}

	private static String javaBin() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	long pid() {
		return this.process.pid();
	}

	boolean alive() {
		return this.process.isAlive();
	}

	/** Waits until readiness is UP; fails with the log's end if the process exits first. */
	Replica awaitReady(Http http, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + ": " + tail(20));
			}
			Http.Answer ready = http.get(url("/actuator/health/readiness"));
			if (ready.status() == 200 && ready.body().contains("UP")) {
				return this;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException(this.name + " not ready after " + timeout + ": " + tail(20));
	}

	/** Waits for the process to end by itself; its exit code, or null if it still runs. */
	Integer awaitExit(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? this.process.exitValue() : null;
	}

	void kill9() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	/** Lines the service logged at ERROR. */
	long errorLines() {
		try (var lines = Files.lines(this.log)) {
			return lines.filter((line) -> line.contains(" ERROR ")).count();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				kill9();
			}
		}
	}

}
