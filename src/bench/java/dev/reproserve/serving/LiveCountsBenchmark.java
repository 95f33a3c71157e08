package dev.reproserve.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.registry.VersionRef;
import dev.reproserve.serving.internal.InstanceReader;
import dev.reproserve.serving.web.PredictPathBenchmark;
import dev.reproserve.training.TrainedModel;
import tools.jackson.core.JsonParser;

/**
 * What the live drift counts cost on the predict path: one single-row request read,
 * predicted and written as the service does it (as {@code PredictPathBenchmark}'s
 * {@code servicePath}), without and with {@link LiveTraffic#count} (the service's own
 * counting: the map lookup, binning every feature and the output, the atomic adds), on
 * one thread and on two threads counting into the same version's counters.
 * <p>
 * The two are measured in alternating blocks of about 100 ms, 30 pairs after 8 s and 5 pairs of
 * warm-up, and each pair gives a ratio: on a shared machine whose speed drifts by a
 * quarter within minutes, only a ratio of neighbours means anything (JMH runs one
 * benchmark's forks after the other's, so drift between them reads as a cost). Prints
 * the median ratio with its quartiles; the target is under 1.05. One command:
 * {@code bash bench/live-counts}.
 */
public final class LiveCountsBenchmark {

	static final List<String> MODELS = List.of("iris", "synth50", "forest");

	private static final long WARMUP_NANOS = 8_000_000_000L;

	private static final int WARMUP_PAIRS = 5;

	private static final int PAIRS = 30;

	private static final long BLOCK_NANOS = 100_000_000L;

	private final String model;

	private final LoadedBundle bundle;

	private final InstanceReader reader;

	private final byte[] body;

	private final VersionRef ref;

	private final LiveTraffic live = new LiveTraffic(
			new ServingProperties(1000, java.time.Duration.ofSeconds(30), false, null, true));

	private LiveCountsBenchmark(String model) {
		this.model = model;
		TrainedModel trained = PredictPathBenchmark.trained(model);
		this.bundle = BundleCodec.open(trained.bundle(), null);
		if (this.bundle.manifest().profile() == null) {
			throw new IllegalStateException("the benchmark's bundle has no training profile: retrain it");
		}
		this.reader = new InstanceReader(this.bundle.manifest().inputSchema());
		this.body = PredictPathBenchmark.JSON
			.writeValueAsBytes(Map.of("id", "bench", "instances", List.of(trained.testInputs().get(0))));
		this.ref = new VersionRef(model, 1, 1, this.bundle.sha256());
	}

	private InstanceReader.Request read() {
		try (JsonParser parser = PredictPathBenchmark.JSON.createParser(this.body)) {
			return this.reader.read(parser, Integer.MAX_VALUE);
		}
	}

	private int withoutCounts() {
		InstanceReader.Request request = read();
		List<ModelOutput> outputs = this.bundle.predictRows(request.rows(), this.reader.nameOrder());
		return answer(request, outputs).length;
	}

	private int withCounts() {
		InstanceReader.Request request = read();
		List<ModelOutput> outputs = this.bundle.predictRows(request.rows(), this.reader.nameOrder());
		this.live.count(this.ref, this.bundle, request.rows(), outputs);
		return answer(request, outputs).length;
	}

	private byte[] answer(InstanceReader.Request request, List<ModelOutput> outputs) {
		return PredictPathBenchmark.written(
				new Prediction(request.id(), this.model, 1, "production", this.bundle.sha256(), outputs));
	}

	/** Nanoseconds per request of one block of {@code calls} requests. */
	private double block(boolean counted, int calls, long[] sink) {
		long started = System.nanoTime();
		long sum = 0;
		for (int i = 0; i < calls; i++) {
			sum += counted ? withCounts() : withoutCounts();
		}
		long elapsed = System.nanoTime() - started;
		sink[0] += sum;
		return (double) elapsed / calls;
	}

	/** The figures of one model on some threads: ns per request without and with, and the ratios. */
	private record Figures(double[] without, double[] with, double[] ratios) {
	}

	private Figures measure(int threads) throws Exception {
		long[] sink = new long[1];
		// Warm up both paths for a few seconds (the compilers share the two cores), then
		// size the blocks.
		long warmUntil = System.nanoTime() + WARMUP_NANOS;
		while (System.nanoTime() < warmUntil) {
			block(false, 1000, sink);
			block(true, 1000, sink);
		}
		int calls = Math.max(100, (int) (BLOCK_NANOS / block(false, 5000, sink)));
		CyclicBarrier barrier = new CyclicBarrier(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<double[][]>> runs = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				runs.add(pool.submit(() -> {
					double[][] perPair = new double[2][PAIRS];
					long[] own = new long[1];
					for (int pair = 0; pair < WARMUP_PAIRS + PAIRS; pair++) {
						// Alternate which goes first, so neither always follows the other.
						boolean countedFirst = (pair % 2) == 1;
						barrier.await();
						double first = block(countedFirst, calls, own);
						barrier.await();
						double second = block(!countedFirst, calls, own);
						if (pair >= WARMUP_PAIRS) {
							perPair[0][pair - WARMUP_PAIRS] = countedFirst ? second : first;
							perPair[1][pair - WARMUP_PAIRS] = countedFirst ? first : second;
						}
					}
					sink[0] += own[0];
					return perPair;
				}));
			}
			double[] without = new double[PAIRS];
			double[] with = new double[PAIRS];
			for (Future<double[][]> run : runs) {
				double[][] perPair = run.get();
				for (int i = 0; i < PAIRS; i++) {
					without[i] += perPair[0][i] / threads;
					with[i] += perPair[1][i] / threads;
				}
			}
			double[] ratios = new double[PAIRS];
			for (int i = 0; i < PAIRS; i++) {
				ratios[i] = with[i] / without[i];
			}
			if (sink[0] == 42) {
				System.out.print("");
			}
			return new Figures(without, with, ratios);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static double quantile(double[] values, double p) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		double h = (sorted.length - 1) * p;
		int low = (int) Math.floor(h);
		return sorted[low] + (h - low) * (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]);
	}

	public static void main(String[] args) throws Exception {
		List<String> models = (args.length > 0) ? List.of(args) : MODELS;
		PredictPathBenchmark.retrain(models);
		System.out.printf(Locale.ROOT, "Single-row predict path (read, predict, write) without and with the live"
				+ " drift counts, alternating blocks of ~100 ms, %d pairs each; Java %s, %d cores%n", PAIRS,
				System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
		System.out.printf(Locale.ROOT, "%-8s %7s | %12s %12s | %8s %17s | %s%n", "model", "threads", "without ns",
				"with ns", "ratio", "quartiles", "cost ns");
		boolean met = true;
		for (String model : models) {
			LiveCountsBenchmark benchmark = new LiveCountsBenchmark(model);
			for (int threads : new int[] { 1, 2 }) {
				Figures figures = benchmark.measure(threads);
				double without = quantile(figures.without(), 0.5);
				double with = quantile(figures.with(), 0.5);
				double ratio = quantile(figures.ratios(), 0.5);
				met &= ratio < 1.05;
				System.out.printf(Locale.ROOT, "%-8s %7d | %12.0f %12.0f | %7.3fx %8.3f - %6.3f | %.0f%n", model,
						threads, without, with, ratio, quantile(figures.ratios(), 0.25),
						quantile(figures.ratios(), 0.75), with - without);
			}
		}
		System.out.println("target: median ratio with / without < 1.05 on every row: " + (met ? "met" : "NOT met"));
	}

}
