package dev.reproserve.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import org.tribuo.protos.core.ModelProto;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.DependencyList;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.support.TestModels;

/**
 * The reliability drills ({@code bash reliability/run}, docs/reliability.md): real service
 * processes from the built jar on a PostgreSQL cluster of the drills' own, faults
 * injected from outside (a stopped cluster, ended sessions, SIGKILL, crafted bundles,
 * oversized uploads), load from this process over loopback. Each drill checks its outcome
 * and the table at the end says what was done, how many requests, how many failed, how
 * many rows were lost or half-written, and the verdict. Every loop is bounded in count and
 * time. {@code --quick} runs the subset CI runs.
 */
public final class Drills {

	static final String ADMIN_KEY = "reliability-drills-admin-key-0123456789abcdef";

	static final String MODEL = "iris";

	private final Http http = new Http();

	private final boolean quick;

	private final Path jar;

	private final Path logs;

	private final int basePort;

	/** Runs only the drills whose name contains this ({@code only=soak}); null: all. */
	private String only;

	private DrillDatabase db;

	private final List<Replica> replicas = new ArrayList<>();

	private final List<Row> table = new ArrayList<>();

	private LoadedBundle iris;

	/** The bundle the bad-bundles drill altered on purpose (the other drills skip it). */
	private String alteredSha256 = "none";

	/** Versions of iris registered so far (1 is the built-in example). */
	private int versions = 1;

	record Row(String drill, String done, long requests, long failures, long lost, boolean pass, String figures) {
	}

	/** A drill's check that did not hold. */
	static final class DrillFailed extends RuntimeException {

		DrillFailed(String message) {
			super(message);
		}

	}

	private Drills(boolean quick, Path jar, Path logs, int basePort) {
		this.quick = quick;
		this.jar = jar;
		this.logs = logs;
		this.basePort = basePort;
	}

	public static void main(String[] args) throws Exception {
		boolean quick = List.of(args).contains("quick") || List.of(args).contains("--quick");
		Path jar = Path.of(System.getProperty("reliability.jar", "target/reproserve-0.1.0.jar"));
		Path work = Path.of(System.getProperty("reliability.dir", "target/reliability"));
		int port = Integer.getInteger("reliability.port", 18180);
		Files.createDirectories(work);
		Path logs = work.resolve("logs");
		run(List.of("rm", "-rf", logs.toString()));
		Files.createDirectories(logs);
		Drills drills = new Drills(quick, jar, logs, port);
		for (String arg : args) {
			if (arg.startsWith("only=")) {
				drills.only = arg.substring(5);
			}
		}
		long started = System.nanoTime();
		boolean passed;
		try {
			passed = drills.all(work);
		}
		finally {
			drills.closeAll();
		}
		System.out.printf("%nReliability drills (%s), %s, %d s; service logs in %s%n", quick ? "quick subset" : "full",
				DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), logs);
		drills.print();
		System.exit(passed ? 0 : 1);
	}

	private boolean all(Path work) throws Exception {
		// Outside the working tree: the postgres user may not enter a checkout (mktemp -d is 0700).
		this.db = DrillDatabase.create(Files.createTempDirectory("reproserve-drills-pg-"), this.basePort + 9);
		this.iris = BundleCodec.open(TestModels.trainIris(42).bundle(), null);
		drill("database down at startup", this::databaseDownAtStartup);
		if (this.replicas.isEmpty()) {
			if (this.only == null) {
				return false;
			}
			startReplica("a", Map.of());
		}
		startReplica("b", Map.of());
		startReplica("c", Map.of());
		for (int i = 0; i < 4; i++) {
			registerVersion();
		}
		drill("bad bundles", this::badBundles);
		drill("concurrent alias moves", this::concurrentAliasMoves);
		drill("three replicas under load", this::threeReplicasUnderLoad);
		drill("database lost while serving", this::databaseLostWhileServing);
		drill("oversized uploads", this::oversizedUploads);
		drill("kill -9 during an alias move", this::killDuringAliasMoves);
		if (!this.quick) {
			drill("kill -9 during a registration", servedThroughout(this::killDuringRegistration));
			drill("kill -9 during a dataset upload", servedThroughout(this::killDuringDatasetUpload));
			drill("kill -9 during a training job", servedThroughout(this::killDuringTraining));
			drill("soak", this::soak);
		}
		return this.table.stream().allMatch(Row::pass);
	}

	interface Drill {

		Row run() throws Exception;

	}

	/** The drill, with the three first replicas serving predictions throughout, checked. */
	private Drill servedThroughout(Drill drill) {
		return () -> {
			Row row;
			long count;
			long failures;
			try (Load load = new Load(this.http, List.copyOf(this.replicas.subList(0, 3)), MODEL, "production", 3, 150)) {
				row = drill.run();
				count = load.count();
				failures = load.failures();
			}
			check(failures == 0, failures + " predictions failed on the other replicas while one was killed");
			return new Row(row.drill(), row.done() + ", under 150 predictions/s on the others", row.requests() + count,
					row.failures() + failures, row.lost(), row.pass(),
					row.figures() + "; " + count + " predictions on the other replicas meanwhile, none failed");
		};
	}

	private void drill(String name, Drill drill) {
		if (this.only != null && !name.contains(this.only)) {
			return;
		}
		System.out.println("== " + name);
		long started = System.nanoTime();
		Row row;
		try {
			row = drill.run();
		}
		catch (Exception ex) {
			row = new Row(name, "aborted", 0, 1, 0, false, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		System.out.printf("   %s in %d s: %s%n", row.pass() ? "PASS" : "FAIL",
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), row.figures());
		this.table.add(row);
	}

	private static void check(boolean condition, String what) {
		if (!condition) {
			throw new DrillFailed(what);
		}
	}

	// ---- the drills

	/**
	 * Without its database a replica waits (Flyway's connect retries), then exits saying
	 * which database; it never answers ready. With the database coming up while it waits,
	 * it starts and serves.
	 */
	private Row databaseDownAtStartup() throws Exception {
		this.db.stop();
		Replica early = Replica.start("no-database", this.basePort + 8, this.db, this.jar, this.logs,
				Map.of("SPRING_FLYWAY_CONNECT_RETRIES", "3", "SPRING_FLYWAY_CONNECT_RETRIES_INTERVAL", "1s"));
		long probes = 0;
		long readyAnswers = 0;
		Integer exit = null;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (exit == null && System.nanoTime() < deadline) {
			probes++;
			if (this.http.get(early.url("/actuator/health/readiness")).status() == 200) {
				readyAnswers++;
			}
			exit = early.awaitExit(Duration.ofMillis(250));
		}
		early.close();
		String log = Files.readString(early.log);
		check(exit != null && exit != 0, "a replica without its database exited (" + exit + ")");
		check(log.contains("Could not reach the registry database at " + this.db.url()),
				"the exit message names the database");
		check(readyAnswers == 0, "never answered ready without its database");

		// Waits: the database comes up 5 s after the replica starts.
		Replica waiting = Replica.start("a", this.basePort + 1, this.db, this.jar, this.logs,
				Map.of("SPRING_FLYWAY_CONNECT_RETRIES", "30", "SPRING_FLYWAY_CONNECT_RETRIES_INTERVAL", "1s"));
		this.replicas.add(waiting);
		for (int i = 0; i < 20; i++) {
			probes++;
			if (this.http.get(waiting.url("/actuator/health/readiness")).status() == 200) {
				readyAnswers++;
			}
			Thread.sleep(250);
		}
		this.db.start();
		waiting.awaitReady(this.http, Duration.ofSeconds(120));
		Http.Answer predicted = this.http.predict(waiting, MODEL, "production");
		check(predicted.status() == 200, "the replica that waited serves: " + predicted);
		check(readyAnswers == 0, "not ready before its database and models were there");
		return new Row("database down at startup",
				"started a replica with the cluster stopped; then one that waited while the cluster came up",
				probes + 1, 0, 0, true, "exit code " + exit + " with a one-paragraph message after 3 retries; "
						+ "the second replica became ready after the database came up and served version " + Http.version(predicted));
	}

	/**
	 * Crafted bundles are refused at registration (before Tribuo deserializes anything where
	 * possible) and nothing is stored; a stored bundle altered behind the service's back is
	 * refused at load, the version marked failed with its reason, the old version serving.
	 */
	private Row badBundles() throws Exception {
		Replica a = this.replicas.get(0);
		long versionsBefore = this.db.queryLong("SELECT count(*) FROM model_versions");
		long bundlesBefore = this.db.queryLong("SELECT count(*) FROM bundles");
		byte[] good = TestModels.rewrittenAt(this.iris, 1_900_000_000L);
		byte[] manifest = ManifestJson.write(this.iris.manifest());
		ModelProto proto = this.iris.model().serialize();

		Map<String, byte[]> bad = new LinkedHashMap<>();
		byte[] corrupted = good.clone();
		for (int i = corrupted.length / 3; i < corrupted.length / 3 + 64; i++) {
			corrupted[i] ^= 0x5a;
		}
		bad.put("corrupted", corrupted);
		bad.put("truncated", java.util.Arrays.copyOf(good, good.length / 2));
		bad.put("class off the allow-list",
				zip(manifest, proto.toBuilder().setClassName("java.lang.ProcessBuilder").build().toByteArray()));
		bad.put("protobuf embedding a Java-serialized blob", zip(manifest,
				proto.toBuilder()
					.setSerializedData(Any.newBuilder()
						.setTypeUrl("type.googleapis.com/java.util.HashMap")
						.setValue(ByteString.copyFrom(javaSerialized())))
					.build()
					.toByteArray()));
		DependencyList recorded = this.iris.manifest().dependencies();
		bad.put("another Tribuo version",
				zip(ManifestJson.write(this.iris.manifest()
					.withDependencies(new DependencyList("4.2.1", recorded.java(), recorded.javaVendor(),
							recorded.reproserve(), recorded.osName(), recorded.osArch(), recorded.reproserveCommit()))),
						proto.toByteArray()));
		long requests = 0;
		long failures = 0;
		List<String> reasons = new ArrayList<>();
		for (Map.Entry<String, byte[]> bundle : bad.entrySet()) {
			Http.Answer answer = this.http.post(a.url("/api/v1/models/" + MODEL + "/versions"), "application/octet-stream",
					bundle.getValue());
			requests++;
			if (answer.status() != 422 || !answer.isProblem()) {
				failures++;
				reasons.add(bundle.getKey() + ": " + answer);
			}
			else {
				reasons.add(bundle.getKey() + ": 422 " + answer.json().path("reason").asString());
			}
			Http.Answer serving = this.http.predict(a, MODEL, "production");
			requests++;
			check(serving.status() == 200, "production still serves after the " + bundle.getKey() + " bundle");
		}
		long lost = Math.abs(this.db.queryLong("SELECT count(*) FROM model_versions") - versionsBefore)
				+ Math.abs(this.db.queryLong("SELECT count(*) FROM bundles") - bundlesBefore);
		check(failures == 0, "every crafted bundle refused with 422 problem+json: " + reasons);
		check(lost == 0, "nothing stored for a refused bundle");

		// Altered after registration: the SHA-256 no longer matches at load.
		int victim = registerVersion();
		String sha = (String) this.db
			.query("SELECT v.bundle_sha256 FROM model_versions v JOIN models m ON m.id = v.model_id WHERE m.name = '"
					+ MODEL + "' AND v.version = " + victim)
			.get(0)
			.get(0);
		this.alteredSha256 = sha;
		this.db.executeAsSuperuser(
				"UPDATE bundles SET content = overlay(content placing '\\x00'::bytea from 300 for 1) WHERE sha256 = '" + sha + "'");
		int serving = Http.version(this.http.predict(a, MODEL, "production"));
		Http.Answer move = this.http.moveAlias(this.replicas.get(1), MODEL, "production", victim, "drill: altered bundle");
		requests += 2;
		check(move.status() == 409 && move.isProblem(), "moving production to the altered version is refused: " + move);
		List<List<Object>> status = this.db.query(
				"SELECT s.status, s.detail FROM version_status_events s JOIN model_versions v ON v.id = s.version_id"
						+ " JOIN models m ON m.id = v.model_id WHERE m.name = '" + MODEL + "' AND v.version = " + victim
						+ " ORDER BY s.id DESC LIMIT 1");
		check(!status.isEmpty() && "failed".equals(status.get(0).get(0)) && String.valueOf(status.get(0).get(1)).contains("altered"),
				"the altered version is marked failed with its reason: " + status);
		for (Replica replica : this.replicas) {
			Http.Answer still = this.http.predict(replica, MODEL, "production");
			requests++;
			check(Http.version(still) == serving, replica.name + " still serves version " + serving + ": " + still);
		}
		return new Row("bad bundles",
				"registered " + bad.size() + " crafted bundles; altered a stored one and tried to promote it", requests,
				failures, lost, true, String.join("; ", reasons) + "; altered: 409, version " + victim + " " + status.get(0).get(0)
						+ " (" + status.get(0).get(1) + ")");
	}

	/**
	 * 50 moves of one alias from threads on all replicas at once: the event chain has no
	 * gap, the alias is where the last event put it, every changed move has its event.
	 */
	private Row concurrentAliasMoves() throws Exception {
		String alias = "drill-" + ThreadLocalRandom.current().nextInt(1_000_000);
		int moves = 50;
		List<Http.Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 5; t++) {
			int thread = t;
			threads.add(started(() -> {
				for (int i = thread; i < moves; i += 5) {
					Replica replica = this.replicas.get(i % this.replicas.size());
					int version = 1 + ThreadLocalRandom.current().nextInt(4);
					answers.add(this.http.moveAlias(replica, MODEL, alias, version, "drill move " + i));
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join(120_000);
		}
		long failures = answers.stream().filter((a) -> a.status() != 200).count();
		long changed = answers.stream().filter((a) -> a.status() == 200 && a.json().path("changed").asBoolean()).count();
		Chain chain = chain(alias);
		long lost = Math.abs(changed - chain.events()) + chain.broken();
		check(failures == 0, failures + " moves failed: " + answers.stream().filter((a) -> a.status() != 200).findFirst());
		check(chain.broken() == 0, chain.broken() + " gaps in the event chain, or an alias not where its last event put it");
		check(chain.events() == changed, chain.events() + " events for " + changed + " changed moves");
		return new Row("concurrent alias moves", moves + " moves of one alias from 5 threads through 3 replicas",
				answers.size(), failures, lost, true,
				chain.events() + " events, chain without gaps, final version " + chain.last() + " = last event");
	}

	/**
	 * Three replicas under steady load while the alias flips through varying replicas:
	 * zero failed requests, every replica on the new version within 1 s of each flip, and
	 * no answer older than that once the second has passed.
	 */
	private Row threeReplicasUnderLoad() throws Exception {
		int flips = this.quick ? 10 : 50;
		List<long[]> flipTimes = new ArrayList<>();
		long worstMillis = 0;
		int convergencePolls = 0;
		long loadCount;
		long loadFailures;
		long stale = 0;
		List<Load.Sample> samples;
		try (Load load = new Load(this.http, this.replicas, MODEL, "production", 6, 300)) {
			Thread.sleep(1000);
			int current = Http.version(this.http.predict(this.replicas.get(0), MODEL, "production"));
			for (int f = 0; f < flips; f++) {
				int target = (current % 4) + 1;
				Replica via = this.replicas.get(f % this.replicas.size());
				long before = System.nanoTime();
				Http.Answer moved = this.http.moveAlias(via, MODEL, "production", target, "drill flip " + f);
				long committed = System.nanoTime();
				check(moved.status() == 200, "flip " + f + " through " + via.name + ": " + moved);
				flipTimes.add(new long[] { before, committed, target });
				long converged = 0;
				for (Replica replica : this.replicas) {
					while (true) {
						convergencePolls++;
						if (Http.version(this.http.predict(replica, MODEL, "production")) == target) {
							converged = Math.max(converged, System.nanoTime() - committed);
							break;
						}
						check(System.nanoTime() - committed < TimeUnit.SECONDS.toNanos(10),
								replica.name + " never answered version " + target + " after flip " + f);
						Thread.sleep(5);
					}
				}
				worstMillis = Math.max(worstMillis, TimeUnit.NANOSECONDS.toMillis(converged));
				current = target;
				Thread.sleep(1200);
			}
			Thread.sleep(500);
			loadCount = load.count();
			loadFailures = load.failures();
			samples = new ArrayList<>(load.samples);
		}
		// Sent at least 1 s after a flip committed (and before the next began): only the
		// flip's version may answer.
		for (Load.Sample sample : samples) {
			for (int f = flipTimes.size() - 1; f >= 0; f--) {
				long[] flip = flipTimes.get(f);
				if (sample.sentNanos() >= flip[0]) {
					boolean settled = sample.sentNanos() >= flip[1] + TimeUnit.SECONDS.toNanos(1);
					if (settled && sample.status() == 200 && sample.version() != flip[2]) {
						stale++;
					}
					break;
				}
			}
		}
		check(loadFailures == 0, loadFailures + " failed predictions");
		check(worstMillis <= 1000, "worst convergence " + worstMillis + " ms is over 1 s");
		check(stale == 0, stale + " answers named an older version more than 1 s after a flip");
		return new Row("three replicas under load",
				"300 predictions/s through 3 replicas, " + flips + " alias flips through each replica in turn",
				loadCount + flips + convergencePolls, loadFailures, 0, true, "worst convergence " + worstMillis
						+ " ms; p99 " + Load.percentile(samples, 0.99) / 1000.0 + " ms; 0 stale answers after 1 s");
	}

	/**
	 * Sessions ended, then the cluster stopped and started again, under load: predictions
	 * never fail, readiness stays UP, reads and writes answer 503 with Retry-After while
	 * it is down, and afterwards writes work and the alias listener follows again, without
	 * a restart.
	 */
	private Row databaseLostWhileServing() throws Exception {
		Replica a = this.replicas.get(0);
		Replica b = this.replicas.get(1);
		long requests = 0;
		long unexpected = 0;
		List<String> notes = new ArrayList<>();
		long loadCount;
		long loadFailures;
		String firstFailure;
		long recoveryMillis;
		try (Load load = new Load(this.http, this.replicas, MODEL, "production", 4, 200)) {
			Thread.sleep(500);
			// 1. Every session ended: the next reads and writes get fresh connections.
			for (int round = 0; round < 3; round++) {
				int ended = this.db.terminateServiceSessions();
				Http.Answer write = this.http.moveAlias(this.replicas.get(round), MODEL, "staging", 1 + round, "drill");
				Http.Answer read = this.http.get(this.replicas.get((round + 1) % 3).url("/api/v1/models/" + MODEL));
				requests += 2;
				if (write.status() != 200 || read.status() != 200) {
					unexpected++;
					notes.add("after ending " + ended + " sessions: write " + write + ", read " + read);
				}
				Thread.sleep(300);
			}
			// 2. The cluster stopped.
			this.db.stop();
			long down = System.nanoTime();
			int writes503 = 0;
			int reads503 = 0;
			int readyUp = 0;
			int probes = 0;
			while (System.nanoTime() - down < TimeUnit.SECONDS.toNanos(this.quick ? 6 : 15)) {
				Http.Answer write = this.http.moveAlias(a, MODEL, "staging", 2, "drill while down");
				Http.Answer read = this.http.get(b.url("/api/v1/models/" + MODEL + "/versions"));
				Http.Answer ready = this.http.get(a.url("/actuator/health/readiness"));
				requests += 3;
				probes++;
				if (write.status() == 503 && write.isProblem() && write.header("Retry-After").isPresent()) {
					writes503++;
				}
				else {
					unexpected++;
					notes.add("write while down: " + write);
				}
				if (read.status() == 503 && read.isProblem() && read.header("Retry-After").isPresent()) {
					reads503++;
				}
				else {
					unexpected++;
					notes.add("read while down: " + read);
				}
				if (ready.status() == 200) {
					readyUp++;
				}
			}
			check(readyUp == probes, "readiness stayed UP while the database was down (" + readyUp + "/" + probes + ")");
			notes.add(writes503 + " writes and " + reads503 + " reads answered 503 + Retry-After while down");
			// 3. Back: writes work again without a restart.
			this.db.start();
			long up = System.nanoTime();
			while (true) {
				Http.Answer write = this.http.moveAlias(a, MODEL, "staging", 3, "drill after restart");
				requests++;
				if (write.status() == 200) {
					break;
				}
				check(write.status() == 503, "a write while the database comes back is 200 or 503: " + write);
				check(System.nanoTime() - up < TimeUnit.SECONDS.toNanos(30), "writes work again within 30 s");
				Thread.sleep(200);
			}
			recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - up);
			// 4. The listener is back: a move on b reaches a through a notification (its
			// scheduled re-read is an hour away). The listener retries every 5 s.
			Thread.sleep(6000);
			int now = Http.version(this.http.predict(a, MODEL, "production"));
			int target = (now % 4) + 1;
			Http.Answer moved = this.http.moveAlias(b, MODEL, "production", target, "drill: listener back");
			requests += 2;
			check(moved.status() == 200, "moved production on b: " + moved);
			long movedAt = System.nanoTime();
			while (Http.version(this.http.predict(a, MODEL, "production")) != target) {
				requests++;
				check(System.nanoTime() - movedAt < TimeUnit.SECONDS.toNanos(5),
						"a follows an alias moved on b within 5 s of the database's return (listener reconnected)");
				Thread.sleep(20);
			}
			notes.add("a followed a move made on b in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - movedAt) + " ms");
			loadCount = load.count();
			loadFailures = load.failures();
			firstFailure = load.firstFailure();
		}
		check(loadFailures == 0, loadFailures + " predictions failed (" + firstFailure + ")");
		check(unexpected == 0, String.join("; ", notes));
		long errors = this.replicas.stream().mapToLong(Replica::errorLines).sum();
		check(errors == 0, errors + " ERROR lines in the replicas' logs: an outage is expected, not an error");
		return new Row("database lost while serving",
				"ended all sessions 3 times, stopped the cluster, started it again, under 200 predictions/s",
				loadCount + requests, loadFailures + unexpected, 0, true, String.join("; ", notes)
						+ "; writes back " + recoveryMillis + " ms after the cluster; ERROR lines in the logs: " + errors);
	}

	/** Uploads over the limits: 413 before the body is read, and the heap stays bounded. */
	private Row oversizedUploads() throws Exception {
		Replica a = this.replicas.get(0);
		long heapBefore = heapUsed(a);
		long gib = 1L << 30;
		Map<String, String> heads = new LinkedHashMap<>();
		heads.put("bundle, 1 GiB declared", "POST /api/v1/models/" + MODEL + "/versions HTTP/1.1\r\nHost: x\r\n"
				+ "Authorization: Bearer " + ADMIN_KEY + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + gib
				+ "\r\n\r\n");
		heads.put("dataset, 1 GiB declared", "POST /api/v1/datasets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
				+ ADMIN_KEY + "\r\nContent-Type: text/csv\r\nContent-Length: " + gib + "\r\n\r\n");
		heads.put("multipart bundle, 1 GiB declared", "POST /api/v1/models/" + MODEL + "/versions HTTP/1.1\r\nHost: x\r\n"
				+ "Authorization: Bearer " + ADMIN_KEY + "\r\nContent-Type: multipart/form-data; boundary=xyz\r\n"
				+ "Content-Length: " + gib + "\r\n\r\n--xyz\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"b\"\r\n\r\n");
		List<String> outcomes = new ArrayList<>();
		long failures = 0;
		long requests = 0;
		for (Map.Entry<String, String> head : heads.entrySet()) {
			long started = System.nanoTime();
			// 4 MiB of the declared 1 GiB: an answer must come without the rest.
			String answer = Http.raw(a.port, head.getValue(), 4L << 20, Duration.ofSeconds(10));
			requests++;
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			boolean ok = answer.startsWith("HTTP/1.1 413") && answer.contains("application/problem+json");
			if (!ok) {
				failures++;
			}
			outcomes.add(head.getKey() + ": " + (ok ? "413 in " + millis + " ms" : Http.lines(answer).get(0)));
		}
		// A chunked bundle with no declared length, 80 MiB against the 64 MB limit: read
		// up to the limit, then 413.
		String chunkedHead = "POST /api/v1/models/" + MODEL + "/versions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
				+ ADMIN_KEY + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
		String chunked = Http.rawChunked(a.port, chunkedHead, 80L << 20, Duration.ofSeconds(60));
		requests++;
		boolean chunkedOk = chunked.startsWith("HTTP/1.1 413") && chunked.contains("application/problem+json");
		if (!chunkedOk) {
			failures++;
		}
		outcomes.add("chunked bundle of 80 MiB: " + Http.lines(chunked).get(0));
		long heapPeak = heapMax(a);
		long heapAfter = heapUsed(a);
		check(failures == 0, String.join("; ", outcomes));
		check(this.http.predict(a, MODEL, "production").status() == 200, "still serving");
		return new Row("oversized uploads", "declared 1 GiB bundle, dataset and multipart uploads; an 80 MiB chunked bundle",
				requests, failures, 0, true, String.join("; ", outcomes) + "; heap " + heapBefore / (1 << 20) + " MiB before, "
						+ heapAfter / (1 << 20) + " MiB after, " + heapPeak / (1 << 20) + " MiB the most the JVM held (-Xmx768m)");
	}

	/**
	 * A replica killed (SIGKILL) while moving an alias over and over: the alias points at a
	 * version, where its last event says, and the chain has no gap; the other replicas
	 * serve throughout.
	 */
	private Row killDuringAliasMoves() throws Exception {
		Replica d = startReplica("d-moves", Map.of());
		String alias = "kill-" + ThreadLocalRandom.current().nextInt(1_000_000);
		long moves;
		long loadCount;
		long loadFailures;
		try (Load load = new Load(this.http, List.copyOf(this.replicas.subList(0, 3)), MODEL, "production", 3, 150)) {
			java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
			Thread mover = started(() -> {
				for (int i = 0; i < 10_000 && d.alive(); i++) {
					this.http.moveAlias(d, MODEL, alias, 1 + (i % 4), "drill before kill " + i);
					sent.incrementAndGet();
				}
			});
			Thread.sleep(3000);
			d.kill9();
			mover.join(30_000);
			moves = sent.get();
			Thread.sleep(500);
			loadCount = load.count();
			loadFailures = load.failures();
		}
		this.replicas.remove(d);
		long lost = chain(alias).broken();
		check(loadFailures == 0, loadFailures + " predictions failed on the other replicas");
		check(lost == 0, lost + " gaps or an alias not where its last event put it");
		return new Row("kill -9 during an alias move", "SIGKILL of a replica moving an alias in a loop (" + moves + " moves sent)",
				loadCount + moves, loadFailures, lost, true, "alias where its last event says, no gap in the chain");
	}

	/**
	 * An alias's event chain as the database holds it: how many events, the version the
	 * last one set, and how many links are broken (an event whose {@code from} is not the
	 * previous event's {@code to}, the first's not empty), plus 1 if the alias is not where
	 * the last event put it.
	 */
	record Chain(long events, Object last, long broken) {
	}

	private Chain chain(String alias) throws Exception {
		List<List<Object>> events = this.db.query("SELECT e.from_version, e.to_version FROM alias_events e JOIN models m"
				+ " ON m.id = e.model_id WHERE m.name = '" + MODEL + "' AND e.alias = '" + alias + "' ORDER BY e.id");
		long broken = 0;
		for (int i = 0; i < events.size(); i++) {
			Object expected = (i == 0) ? null : events.get(i - 1).get(1);
			if (!java.util.Objects.equals(events.get(i).get(0), expected)) {
				broken++;
			}
		}
		Object last = events.isEmpty() ? null : events.get(events.size() - 1).get(1);
		List<List<Object>> current = this.db.query("SELECT v.version FROM aliases a JOIN models m ON m.id = a.model_id"
				+ " JOIN model_versions v ON v.id = a.version_id WHERE m.name = '" + MODEL + "' AND a.alias = '" + alias + "'");
		Object now = current.isEmpty() ? null : current.get(0).get(0);
		return new Chain(events.size(), last, broken + (java.util.Objects.equals(now, last) ? 0 : 1));
	}

	/**
	 * A replica killed while registrations stream in (at random points of the body and
	 * of the transaction): every version row has its whole bundle, whose SHA-256 matches.
	 */
	private Row killDuringRegistration() throws Exception {
		long requests = 0;
		long rounds = 3;
		for (int round = 0; round < rounds; round++) {
			Replica d = startReplica("d-register-" + round, Map.of());
			byte[] bundle = TestModels.rewrittenAt(this.iris, 1_950_000_000L + round);
			long killAfter = 200 + ThreadLocalRandom.current().nextInt(1500);
			Thread sender = started(() -> Http.rawSlow(d.port, "POST /api/v1/models/" + MODEL
					+ "/versions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN_KEY
					+ "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bundle.length + "\r\n\r\n", bundle,
					Duration.ofMillis(1000)));
			Thread.sleep(killAfter);
			d.kill9();
			sender.join(10_000);
			this.replicas.remove(d);
			requests++;
		}
		long broken = this.db.queryLong("SELECT count(*) FROM model_versions v LEFT JOIN bundles b ON b.sha256 = v.bundle_sha256"
				+ " WHERE (b.sha256 IS NULL OR encode(sha256(b.content), 'hex') <> v.bundle_sha256) AND v.bundle_sha256 <> '"
				+ this.alteredSha256 + "'");
		long numbering = this.db.queryLong("SELECT count(*) FROM models m WHERE m.last_version <> "
				+ "(SELECT coalesce(max(version), 0) FROM model_versions v WHERE v.model_id = m.id)");
		this.versions = (int) this.db.queryLong("SELECT last_version FROM models WHERE name = '" + MODEL + "'");
		check(broken == 0 && numbering == 0, broken + " versions without their whole bundle, " + numbering + " gaps in numbering");
		return new Row("kill -9 during a registration", rounds + " replicas killed at random points of a registration",
				requests, 0, broken + numbering, true, "every version row has its whole bundle; numbering gap-free");
	}

	/** A replica killed during a dataset upload: the snapshot exists whole, or not at all. */
	private Row killDuringDatasetUpload() throws Exception {
		long requests = 0;
		StringBuilder csv = new StringBuilder("a,b,c\n");
		for (int i = 0; csv.length() < (8 << 20); i++) {
			csv.append(i).append(',').append(i * 0.5).append(",x").append(i % 97).append('\n');
		}
		byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
		for (int round = 0; round < 3; round++) {
			Replica d = startReplica("d-upload-" + round, Map.of());
			Thread sender = started(() -> Http.rawSlow(d.port, "POST /api/v1/datasets?name=drill HTTP/1.1\r\n"
					+ "Host: x\r\nAuthorization: Bearer " + ADMIN_KEY + "\r\nContent-Type: text/csv\r\nContent-Length: "
					+ body.length + "\r\n\r\n", body, Duration.ofMillis(1500)));
			Thread.sleep(300 + ThreadLocalRandom.current().nextInt(2000));
			d.kill9();
			sender.join(10_000);
			this.replicas.remove(d);
			requests++;
		}
		long broken = this.db.queryLong("SELECT count(*) FROM dataset_snapshots WHERE kind = 'stored'"
				+ " AND (content IS NULL OR row_count IS NULL OR octet_length(content) = 0)");
		long listed = 0;
		for (List<Object> id : this.db.query("SELECT id FROM dataset_snapshots")) {
			Http.Answer answer = this.http.get(this.replicas.get(0).url("/api/v1/datasets/" + id.get(0)));
			requests++;
			if (answer.status() != 200) {
				broken++;
			}
			listed++;
		}
		check(broken == 0, broken + " snapshots half-written");
		return new Row("kill -9 during a dataset upload", "3 replicas killed at random points of an 8 MiB CSV upload", requests,
				0, broken, true, listed + " snapshots, each whole and readable");
	}

	/**
	 * A replica killed while its training job runs: another replica marks the job failed
	 * with the reason, and no version comes of it.
	 */
	private Row killDuringTraining() throws Exception {
		Replica d = startReplica("d-train", Map.of());
		Replica a = this.replicas.get(0);
		Http.Answer dataset = this.http.post(a.url("/api/v1/datasets?name=iris"), "text/csv",
				TestModels.resource("examples/iris.csv"));
		check(dataset.status() == 200 || dataset.status() == 201, "iris snapshot: " + dataset);
		String spec = new String(TestModels.resource("examples/iris-spec.json"), StandardCharsets.UTF_8)
			.replace("\"epochs\": 30", "\"epochs\": 400000");
		long versionsBefore = this.db.queryLong("SELECT count(*) FROM model_versions");
		Http.Answer submitted = this.http.postJson(d.url("/api/v1/trainings"), "{\"modelName\": \"" + MODEL
				+ "\", \"datasetId\": \"" + dataset.json().path("id").asString() + "\", \"spec\": " + spec + "}");
		check(submitted.status() == 202, "training accepted: " + submitted);
		long job = submitted.json().path("id").asLong();
		long requests = 2;
		long waited = System.nanoTime();
		while (!"running".equals(this.http.get(a.url("/api/v1/trainings/" + job)).json().path("status").asString())) {
			requests++;
			check(System.nanoTime() - waited < TimeUnit.SECONDS.toNanos(30), "the job starts running");
			Thread.sleep(100);
		}
		Thread.sleep(500);
		d.kill9();
		this.replicas.remove(d);
		long killed = System.nanoTime();
		Http.Answer state;
		while (true) {
			state = this.http.get(a.url("/api/v1/trainings/" + job));
			requests++;
			if ("failed".equals(state.json().path("status").asString())) {
				break;
			}
			check(System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(60), "the orphaned job is failed within 60 s: " + state);
			Thread.sleep(250);
		}
		long markedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
		long added = this.db.queryLong("SELECT count(*) FROM model_versions") - versionsBefore;
		check(added == 0, added + " versions came of a killed training");
		return new Row("kill -9 during a training job", "SIGKILL of the replica running a training job", requests, 0, added,
				true, "job " + job + " failed " + markedMillis + " ms after the kill: " + state.json().path("failure"));
	}

	/**
	 * 10 minutes at about 70 % of the measured saturation rate, with a promotion every 30 s
	 * and a training job every minute: zero non-2xx, p99 within 1.5x of the first
	 * minute's, heap after a full GC back within 10 % of where it started.
	 */
	private Row soak() throws Exception {
		Replica a = this.replicas.get(0);
		double saturation;
		try (Load probe = new Load(this.http, this.replicas, MODEL, "production", 8, 0)) {
			// Warm: a replica that just started is measured after its JIT has settled.
			Thread.sleep(20_000);
			long start = probe.count();
			Thread.sleep(10_000);
			saturation = (probe.count() - start) / 10.0;
		}
		double rate = 0.7 * saturation;
		long heapStart = heapAfterFullGc(a);
		int minutes = 10;
		Http.Answer dataset = this.http.post(a.url("/api/v1/datasets?name=iris"), "text/csv",
				TestModels.resource("examples/iris.csv"));
		String request = "{\"modelName\": \"" + MODEL + "\", \"datasetId\": \"" + dataset.json().path("id").asString()
				+ "\", \"spec\": " + new String(TestModels.resource("examples/iris-spec.json"), StandardCharsets.UTF_8) + "}";
		long requests = 1;
		long failures = 0;
		List<Long> p99s = new ArrayList<>();
		long trainings = 0;
		long promotions = 0;
		long loadCount;
		long loadFailures;
		// Open loop with many threads, so that a pause of one replica queues requests on
		// other threads instead of delaying the whole schedule behind it.
		try (Load warm = new Load(this.http, this.replicas, MODEL, "production", 32, rate)) {
			Thread.sleep(30_000);
		}
		try (Load load = new Load(this.http, this.replicas, MODEL, "production", 32, rate)) {
			long begin = System.nanoTime();
			int current = Http.version(this.http.predict(a, MODEL, "production"));
			for (int second = 0; second < minutes * 60; second++) {
				if (second % 60 == 0) {
					Http.Answer job = this.http.postJson(this.replicas.get(trainings % 3 == 0 ? 0 : (int) (trainings % 3)).url("/api/v1/trainings"), request);
					requests++;
					trainings++;
					if (job.status() != 202) {
						failures++;
					}
				}
				if (second % 30 == 15) {
					current = (current % 4) + 1;
					Http.Answer moved = this.http.moveAlias(this.replicas.get((int) (promotions % 3)), MODEL, "production",
							current, "soak promotion " + promotions);
					requests++;
					promotions++;
					if (moved.status() != 200) {
						failures++;
					}
				}
				long next = begin + TimeUnit.SECONDS.toNanos(second + 1);
				long wait = next - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
			}
			loadCount = load.count();
			loadFailures = load.failures();
			List<Load.Sample> samples = new ArrayList<>(load.samples);
			for (int m = 0; m < minutes; m++) {
				long from = begin + TimeUnit.MINUTES.toNanos(m);
				long to = from + TimeUnit.MINUTES.toNanos(1);
				p99s.add(Load.percentile(samples.stream().filter((s) -> s.sentNanos() >= from && s.sentNanos() < to).toList(), 0.99));
			}
		}
		long heapEnd = heapAfterFullGc(a);
		long worstP99 = p99s.stream().mapToLong(Long::longValue).max().orElse(0);
		double p99Ratio = (double) worstP99 / Math.max(1, p99s.get(0));
		double heapRatio = (double) heapEnd / heapStart;
		check(loadFailures + failures == 0, (loadFailures + failures) + " non-2xx answers");
		check(p99Ratio <= 1.5, "worst minute's p99 is " + String.format("%.2f", p99Ratio) + "x the first minute's: "
				+ p99s.stream().map((p) -> String.format("%.1f", p / 1000.0)).toList() + " ms per minute at "
				+ Math.round(rate) + "/s");
		check(heapRatio <= 1.10, "heap after a full GC is " + String.format("%.2f", heapRatio) + "x where it started");
		return new Row("soak", minutes + " min at " + Math.round(rate) + " predictions/s (70 % of the measured "
				+ Math.round(saturation) + "/s), " + promotions + " promotions, " + trainings + " training jobs",
				loadCount + requests, loadFailures + failures, 0, true,
				"p99 per minute (ms) " + p99s.stream().map((p) -> String.format("%.1f", p / 1000.0)).toList() + ", worst "
						+ String.format("%.2f", p99Ratio) + "x the first; heap after full GC "
						+ heapStart / (1 << 20) + " -> " + heapEnd / (1 << 20) + " MiB (" + String.format("%.2f", heapRatio) + "x)");
	}

	// ---- helpers

	private Replica startReplica(String name, Map<String, String> extra) throws Exception {
		int port = this.basePort + 1 + this.replicas.size() + (name.startsWith("d-") ? 10 + ThreadLocalRandom.current().nextInt(50) : 0);
		Replica replica = Replica.start(name, port, this.db, this.jar, this.logs, extra);
		replica.awaitReady(this.http, Duration.ofSeconds(120));
		this.replicas.add(replica);
		return replica;
	}

	/** Registers the next version of iris (the same model, another creation time). */
	private int registerVersion() {
		Http.Answer answer = this.http.post(this.replicas.get(0).url("/api/v1/models/" + MODEL + "/versions"),
				"application/octet-stream", TestModels.rewrittenAt(this.iris, 1_800_000_000L + this.versions + 1));
		check(answer.status() == 201, "registered version " + (this.versions + 1) + ": " + answer);
		this.versions = answer.json().path("version").asInt();
		return this.versions;
	}

	private static Thread started(Runnable task) {
		Thread thread = new Thread(task);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static byte[] zip(byte[] manifest, byte[] model) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("manifest.json"));
			zip.write(manifest);
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("model.tribuo.pb"));
			zip.write(model);
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

	private static byte[] javaSerialized() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new java.util.HashMap<>(Map.of("payload", "would run on deserialization")));
		}
		return bytes.toByteArray();
	}

	/** Heap in use on a replica, from its own metrics. */
	private long heapUsed(Replica replica) {
		return (long) prometheusSum(replica, "jvm_memory_used_bytes{area=\"heap\"");
	}

	private long heapMax(Replica replica) {
		return (long) prometheusSum(replica, "jvm_memory_committed_bytes{area=\"heap\"");
	}

	private double prometheusSum(Replica replica, String prefix) {
		Http.Answer answer = this.http.get(replica.url("/actuator/prometheus"));
		double sum = 0;
		for (String line : Http.lines(answer.body())) {
			if (line.startsWith(prefix)) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

	private long heapAfterFullGc(Replica replica) throws Exception {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		run(List.of(jcmd, String.valueOf(replica.pid()), "GC.run"));
		Thread.sleep(500);
		return heapUsed(replica);
	}

	static void run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException(String.join(" ", command) + " failed: " + output);
		}
	}

	private void closeAll() {
		for (Replica replica : this.replicas) {
			try {
				replica.close();
			}
			catch (Exception ex) {
				// best effort
			}
		}
		if (this.db != null) {
			try {
				this.db.close();
			}
			catch (Exception ex) {
				System.err.println("Could not remove the drills' database: " + ex.getMessage());
			}
		}
	}

	private void print() {
		String format = "| %-32s | %-60s | %9s | %8s | %10s | %-7s |%n";
		System.out.printf(format, "drill", "what was done", "requests", "failures", "rows lost", "verdict");
		System.out.printf(format, "-".repeat(32), "-".repeat(60), "-".repeat(9), "-".repeat(8), "-".repeat(10), "-".repeat(7));
		for (Row row : this.table) {
			System.out.printf(format, row.drill(), row.done().length() > 60 ? row.done().substring(0, 57) + "..." : row.done(),
					row.requests(), row.failures(), row.lost(), row.pass() ? "PASS" : "FAIL");
		}
		System.out.println();
		for (Row row : this.table) {
			System.out.println("- " + row.drill() + ": " + row.done() + ". " + row.figures());
		}
		long failed = this.table.stream().filter((row) -> !row.pass()).count();
		System.out.println();
		System.out.println(failed == 0 ? "All " + this.table.size() + " drills passed."
				: failed + " of " + this.table.size() + " drills FAILED.");
	}

}
