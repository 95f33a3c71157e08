package dev.reproserve.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.reproserve.support.TestModels;

import static dev.reproserve.reliability.Drills.MODEL;

/**
 * 10 minutes at about 70 % of the measured saturation rate, with a promotion every 30 s
 * and a training job every minute: zero non-2xx, p99 within 1.5x of the first
 * minute's, heap after a full GC back within 10 % of where it started.
 */
final class Soak extends Drill {

	Soak() {
		super("soak");
	}

	@Override
	Row run(Fleet fleet) throws Exception {
		Replica a = fleet.replicas.get(0);
		double saturation;
		try (Load probe = new Load(fleet.http, fleet.replicas, MODEL, "production", 8, 0)) {
			// Warm: a replica that just started is measured after its JIT has settled.
			Thread.sleep(20_000);
			long start = probe.count();
			Thread.sleep(10_000);
			saturation = (probe.count() - start) / 10.0;
		}
		double rate = 0.7 * saturation;
		long heapStart = fleet.heapAfterFullGc(a);
		int minutes = 10;
		Http.Answer dataset = fleet.http.post(a.url("/api/v1/datasets?name=iris"), "text/csv",
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
		try (Load warm = new Load(fleet.http, fleet.replicas, MODEL, "production", 32, rate)) {
			Thread.sleep(30_000);
		}
		try (Load load = new Load(fleet.http, fleet.replicas, MODEL, "production", 32, rate)) {
			long begin = System.nanoTime();
			int current = Http.version(fleet.http.predict(a, MODEL, "production"));
			for (int second = 0; second < minutes * 60; second++) {
				if (second % 60 == 0) {
					Http.Answer job = fleet.http.postJson(fleet.replicas.get(trainings % 3 == 0 ? 0 : (int) (trainings % 3)).url("/api/v1/trainings"), request);
					requests++;
					trainings++;
					if (job.status() != 202) {
						failures++;
					}
				}
				if (second % 30 == 15) {
					current = (current % 4) + 1;
					Http.Answer moved = fleet.http.moveAlias(fleet.replicas.get((int) (promotions % 3)), MODEL, "production",
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
		long heapEnd = fleet.heapAfterFullGc(a);
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

}
