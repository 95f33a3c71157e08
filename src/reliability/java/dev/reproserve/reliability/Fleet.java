package dev.reproserve.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.support.TestModels;

import static dev.reproserve.reliability.Drills.MODEL;

/**
 * What the drills share: the run's settings, the drills' database, the replicas running
 * now (the first three serve throughout; a drill that starts or kills one adds or removes
 * it), the iris bundle the versions are made from, and the helpers more than one drill
 * uses.
 */
final class Fleet {

	final Http http = new Http();

	final boolean quick;

	final Path jar;

	final Path logs;

	final int basePort;

	final DrillDatabase db;

	final List<Replica> replicas = new ArrayList<>();

	final LoadedBundle iris;

	/** The bundle the bad-bundles drill altered on purpose (the other drills skip it). */
	String alteredSha256 = "none";

	/** Versions of iris registered so far (1 is the built-in example). */
	int versions = 1;

	Fleet(boolean quick, Path jar, Path logs, int basePort, DrillDatabase db, LoadedBundle iris) {
		this.quick = quick;
		this.jar = jar;
		this.logs = logs;
		this.basePort = basePort;
		this.db = db;
		this.iris = iris;
	}

	Replica startReplica(String name, Map<String, String> extra) throws Exception {
		int port = this.basePort + 1 + this.replicas.size() + (name.startsWith("d-") ? 10 + ThreadLocalRandom.current().nextInt(50) : 0);
		Replica replica = Replica.start(name, port, this.db, this.jar, this.logs, extra);
		replica.awaitReady(this.http, Duration.ofSeconds(120));
		this.replicas.add(replica);
		return replica;
	}

	/** Registers the next version of iris (the same model, another creation time). */
	int registerVersion() {
		Http.Answer answer = this.http.post(this.replicas.get(0).url("/api/v1/models/" + MODEL + "/versions"),
				"application/octet-stream", TestModels.rewrittenAt(this.iris, 1_800_000_000L + this.versions + 1));
		Drill.check(answer.status() == 201, "registered version " + (this.versions + 1) + ": " + answer);
		this.versions = answer.json().path("version").asInt();
		return this.versions;
	}

	/**
	 * An alias's event chain as the database holds it: how many events, the version the
	 * last one set, and how many links are broken (an event whose {@code from} is not the
	 * previous event's {@code to}, the first's not empty), plus 1 if the alias is not where
	 * the last event put it.
	 */
	record Chain(long events, Object last, long broken) {
	}

	Chain chain(String alias) throws Exception {
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

	/** Heap in use on a replica, from its own metrics. */
	long heapUsed(Replica replica) {
		return (long) prometheusSum(replica, "jvm_memory_used_bytes{area=\"heap\"");
	}

	long heapMax(Replica replica) {
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

	long heapAfterFullGc(Replica replica) throws Exception {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		Drills.run(List.of(jcmd, String.valueOf(replica.pid()), "GC.run"));
		Thread.sleep(500);
		return heapUsed(replica);
	}

	static Thread started(Runnable task) {
		Thread thread = new Thread(task);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Stops every replica still running, then the database, and removes its files. */
	void close() {
		for (Replica replica : this.replicas) {
			try {
				replica.close();
			}
			catch (Exception ex) {
				// best effort
			}
		}
		try {
			this.db.close();
		}
		catch (Exception ex) {
			System.err.println("Could not remove the drills' database: " + ex.getMessage());
		}
	}

}
