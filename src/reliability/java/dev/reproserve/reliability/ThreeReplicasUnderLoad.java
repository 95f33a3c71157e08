package dev.reproserve.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.reproserve.reliability.Drills.MODEL;

/**
 * Three replicas under steady load while the alias flips through varying replicas:
 * zero failed requests, every replica on the new version within 1 s of each flip, and
 * no answer older than that once the second has passed.
 */
final class ThreeReplicasUnderLoad extends Drill {

	ThreeReplicasUnderLoad() {
		super("three replicas under load");
	}

	@Override
	Row run(Fleet fleet) throws Exception {
		int flips = fleet.quick ? 10 : 50;
		List<long[]> flipTimes = new ArrayList<>();
		long worstMillis = 0;
		int convergencePolls = 0;
		long loadCount;
		long loadFailures;
		long stale = 0;
		List<Load.Sample> samples;
		try (Load load = new Load(fleet.http, fleet.replicas, MODEL, "production", 6, 300)) {
			Thread.sleep(1000);
			int current = Http.version(fleet.http.predict(fleet.replicas.get(0), MODEL, "production"));
			for (int f = 0; f < flips; f++) {
				int target = (current % 4) + 1;
				Replica via = fleet.replicas.get(f % fleet.replicas.size());
				long before = System.nanoTime();
				Http.Answer moved = fleet.http.moveAlias(via, MODEL, "production", target, "drill flip " + f);
				long committed = System.nanoTime();
				check(moved.status() == 200, "flip " + f + " through " + via.name + ": " + moved);
				flipTimes.add(new long[] { before, committed, target });
				long converged = 0;
				for (Replica replica : fleet.replicas) {
					while (true) {
						convergencePolls++;
						if (Http.version(fleet.http.predict(replica, MODEL, "production")) == target) {
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

}
