package dev.reproserve.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.reproserve.reliability.Drills.MODEL;

/**
 * Sessions ended, then the cluster stopped and started again, under load: predictions
 * never fail, readiness stays UP, reads and writes answer 503 with Retry-After while
 * it is down, and afterwards writes work and the alias listener follows again, without
 * a restart.
 */
final class DatabaseLostWhileServing extends Drill {

	DatabaseLostWhileServing() {
		super("database lost while serving");
	}

	@Override
	Row run(Fleet fleet) throws Exception {
		Replica a = fleet.replicas.get(0);
		Replica b = fleet.replicas.get(1);
		long requests = 0;
		long unexpected = 0;
		List<String> notes = new ArrayList<>();
		long loadCount;
		long loadFailures;
		String firstFailure;
		long recoveryMillis;
		try (Load load = new Load(fleet.http, fleet.replicas, MODEL, "production", 4, 200)) {
			Thread.sleep(500);
			// 1. Every session ended: the next reads and writes get fresh connections.
			for (int round = 0; round < 3; round++) {
				int ended = fleet.db.terminateServiceSessions();
				Http.Answer write = fleet.http.moveAlias(fleet.replicas.get(round), MODEL, "staging", 1 + round, "drill");
				Http.Answer read = fleet.http.get(fleet.replicas.get((round + 1) % 3).url("/api/v1/models/" + MODEL));
				requests += 2;
				if (write.status() != 200 || read.status() != 200) {
					unexpected++;
					notes.add("after ending " + ended + " sessions: write " + write + ", read " + read);
				}
				Thread.sleep(300);
			}
			// 2. The cluster stopped.
			fleet.db.stop();
			long down = System.nanoTime();
			int writes503 = 0;
			int reads503 = 0;
			int readyUp = 0;
			int probes = 0;
			while (System.nanoTime() - down < TimeUnit.SECONDS.toNanos(fleet.quick ? 6 : 15)) {
				Http.Answer write = fleet.http.moveAlias(a, MODEL, "staging", 2, "drill while down");
				Http.Answer read = fleet.http.get(b.url("/api/v1/models/" + MODEL + "/versions"));
				Http.Answer ready = fleet.http.get(a.url("/actuator/health/readiness"));
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
			fleet.db.start();
			long up = System.nanoTime();
			while (true) {
				Http.Answer write = fleet.http.moveAlias(a, MODEL, "staging", 3, "drill after restart");
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
			int now = Http.version(fleet.http.predict(a, MODEL, "production"));
			int target = (now % 4) + 1;
			Http.Answer moved = fleet.http.moveAlias(b, MODEL, "production", target, "drill: listener back");
			requests += 2;
			check(moved.status() == 200, "moved production on b: " + moved);
			long movedAt = System.nanoTime();
			while (Http.version(fleet.http.predict(a, MODEL, "production")) != target) {
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
		long errors = fleet.replicas.stream().mapToLong(Replica::errorLines).sum();
		check(errors == 0, errors + " ERROR lines in the replicas' logs: an outage is expected, not an error");
		return new Row("database lost while serving",
				"ended all sessions 3 times, stopped the cluster, started it again, under 200 predictions/s",
				loadCount + requests, loadFailures + unexpected, 0, true, String.join("; ", notes)
						+ "; writes back " + recoveryMillis + " ms after the cluster; ERROR lines in the logs: " + errors);
	}

}
