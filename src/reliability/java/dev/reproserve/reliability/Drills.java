package dev.reproserve.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.support.TestModels;

/**
 * The reliability drills ({@code bash reliability/run}, docs/reliability.md): real service
 * processes from the built jar on a PostgreSQL cluster of the drills' own, faults
 * injected from outside (a stopped cluster, ended sessions, SIGKILL, crafted bundles,
 * oversized uploads), load from this process over loopback. Each drill is a class of its
 * own ({@link Drill}) working on the {@link Fleet}; this runs them in order, and the table
 * at the end says what was done, how many requests, how many failed, how many rows were
 * lost or half-written, and the verdict. Every loop is bounded in count and time.
 * {@code quick} runs the subset CI runs.
 */
public final class Drills {

	static final String ADMIN_KEY = "reliability-drills-admin-key-0123456789abcdef";

	static final String MODEL = "iris";

	private final Fleet fleet;

	/** Runs only the drills whose name contains this ({@code only=soak}); null: all. */
	private final String only;

	private final List<Drill.Row> table = new ArrayList<>();

	private Drills(Fleet fleet, String only) {
		this.fleet = fleet;
		this.only = only;
	}

	public static void main(String[] args) throws Exception {
		boolean quick = List.of(args).contains("quick") || List.of(args).contains("--quick");
		Path jar = Path.of(System.getProperty("reliability.jar", "target/reproserve-0.1.0.jar"));
		Path work = Path.of(System.getProperty("reliability.dir", "target/reliability"));
		int port = Integer.getInteger("reliability.port", 18180);
		String only = null;
		for (String arg : args) {
			if (arg.startsWith("only=")) {
				only = arg.substring(5);
			}
		}
		Files.createDirectories(work);
		Path logs = work.resolve("logs");
		run(List.of("rm", "-rf", logs.toString()));
		Files.createDirectories(logs);
		long started = System.nanoTime();
		// Outside the working tree: the postgres user may not enter a checkout (mktemp -d is 0700).
		DrillDatabase db = DrillDatabase.create(Files.createTempDirectory("reproserve-drills-pg-"), port + 9);
		Drills drills;
		boolean passed;
		try {
			LoadedBundle iris = BundleCodec.open(TestModels.trainIris(42).bundle(), null);
			drills = new Drills(new Fleet(quick, jar, logs, port, db, iris), only);
		}
		catch (Exception | Error ex) {
			db.close();
			throw ex;
		}
		try {
			passed = drills.all();
		}
		finally {
			drills.fleet.close();
		}
		System.out.printf("%nReliability drills (%s), %s, %d s; service logs in %s%n", quick ? "quick subset" : "full",
				DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), logs);
		drills.print();
		System.exit(passed ? 0 : 1);
	}

	private boolean all() throws Exception {
		drill(new DatabaseDownAtStartup());
		if (this.fleet.replicas.isEmpty()) {
			if (this.only == null) {
				return false;
			}
			this.fleet.startReplica("a", java.util.Map.of());
		}
		this.fleet.startReplica("b", java.util.Map.of());
		this.fleet.startReplica("c", java.util.Map.of());
		for (int i = 0; i < 4; i++) {
			this.fleet.registerVersion();
		}
		drill(new BadBundles());
		drill(new ConcurrentAliasMoves());
		drill(new ThreeReplicasUnderLoad());
		drill(new DatabaseLostWhileServing());
		drill(new OversizedUploads());
		drill(new KillDuringAliasMoves());
		if (!this.fleet.quick) {
			drill(servedThroughout(new KillDuringRegistration()));
			drill(servedThroughout(new KillDuringDatasetUpload()));
			drill(servedThroughout(new KillDuringTraining()));
			drill(new Soak());
		}
		return this.table.stream().allMatch(Drill.Row::pass);
	}

	/** The drill, with the three first replicas serving predictions throughout, checked. */
	private static Drill servedThroughout(Drill drill) {
		return new Drill(drill.name()) {
			@Override
			Row run(Fleet fleet) throws Exception {
				Row row;
				long count;
				long failures;
				try (Load load = new Load(fleet.http, List.copyOf(fleet.replicas.subList(0, 3)), MODEL, "production", 3, 150)) {
					row = drill.run(fleet);
					count = load.count();
					failures = load.failures();
				}
				check(failures == 0, failures + " predictions failed on the other replicas while one was killed");
				return new Row(row.drill(), row.done() + ", under 150 predictions/s on the others", row.requests() + count,
						row.failures() + failures, row.lost(), row.pass(),
						row.figures() + "; " + count + " predictions on the other replicas meanwhile, none failed");
			}
		};
	}

	private void drill(Drill drill) {
		if (this.only != null && !drill.name().contains(this.only)) {
			return;
		}
		System.out.println("== " + drill.name());
		long started = System.nanoTime();
		Drill.Row row;
		try {
			row = drill.run(this.fleet);
		}
		catch (Exception ex) {
			row = new Drill.Row(drill.name(), "aborted", 0, 1, 0, false, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		System.out.printf("   %s in %d s: %s%n", row.pass() ? "PASS" : "FAIL",
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), row.figures());
		this.table.add(row);
	}

	static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException(String.join(" ", command) + " failed: " + output);
		}
	}

	private void print() {
		String format = "| %-32s | %-60s | %9s | %8s | %10s | %-7s |%n";
		System.out.printf(format, "drill", "what was done", "requests", "failures", "rows lost", "verdict");
		System.out.printf(format, "-".repeat(32), "-".repeat(60), "-".repeat(9), "-".repeat(8), "-".repeat(10), "-".repeat(7));
		for (Drill.Row row : this.table) {
			System.out.printf(format, row.drill(), row.done().length() > 60 ? row.done().substring(0, 57) + "..." : row.done(),
					row.requests(), row.failures(), row.lost(), row.pass() ? "PASS" : "FAIL");
		}
		System.out.println();
		for (Drill.Row row : this.table) {
			System.out.println("- " + row.drill() + ": " + row.done() + ". " + row.figures());
		}
		long failed = this.table.stream().filter((row) -> !row.pass()).count();
		System.out.println();
		System.out.println(failed == 0 ? "All " + this.table.size() + " drills passed."
				: failed + " of " + this.table.size() + " drills FAILED.");
	}

}
