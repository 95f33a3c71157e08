package dev.reproserve.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Predictions at a steady rate through a set of replicas, each answer recorded (when it
 * was sent, through which replica, status, version named, latency). Open loop: each
 * thread keeps to its schedule, and a late answer counts from when it should have been
 * sent, so a stall shows in the latency instead of lowering the rate.
 */
final class Load implements AutoCloseable {

	record Sample(long sentNanos, int replica, int status, int version, long micros) {
	}

	final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final List<Thread> threads = new ArrayList<>();

	/**
	 * @param perSecond the total rate, spread over threads (0: as fast as each thread can,
	 * closed loop)
	 */
	Load(Http http, List<Replica> replicas, String model, String alias, int threads, double perSecond) {
		for (int t = 0; t < threads; t++) {
			int first = t;
			Thread thread = new Thread(() -> {
				long interval = (perSecond > 0) ? (long) (1e9 * threads / perSecond) : 0;
				long next = System.nanoTime();
				int i = first;
				while (this.running.get()) {
					if (interval > 0) {
						long wait = next - System.nanoTime();
						if (wait > 0) {
							try {
								TimeUnit.NANOSECONDS.sleep(wait);
							}
							catch (InterruptedException ex) {
								return;
							}
						}
					}
					long scheduled = (interval > 0) ? next : System.nanoTime();
					int r = i++ % replicas.size();
					long sent = System.nanoTime();
					Http.Answer answer = http.predict(replicas.get(r), model, alias);
					long done = System.nanoTime();
					this.samples.add(new Sample(sent, r, answer.status(), Http.version(answer),
							(done - Math.min(scheduled, sent)) / 1000));
					next += interval;
				}
			}, "load-" + t);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	long count() {
		return this.samples.size();
	}

	long failures() {
		return this.samples.stream().filter((s) -> s.status() != 200).count();
	}

	String firstFailure() {
		return this.samples.stream()
			.filter((s) -> s.status() != 200)
			.findFirst()
			.map((s) -> "status " + s.status() + " via replica " + s.replica())
			.orElse("none");
	}

	static long percentile(List<Sample> samples, double p) {
		if (samples.isEmpty()) {
			return 0;
		}
		long[] micros = samples.stream().mapToLong(Sample::micros).sorted().toArray();
		return micros[Math.min(micros.length - 1, (int) Math.ceil(p * micros.length) - 1)];
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		for (Thread thread : this.threads) {
			thread.join(35_000);
		}
	}

}
