package dev.reproserve.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.reproserve.training.QueuedJob;
import dev.reproserve.training.TrainingJobListener;

/**
 * Holds the jobs of a model (trainings and reproductions) at their start, running, until
 * the test lets them go: a job that must be "still running" is held on a latch, never
 * trained slowly on purpose. Add it to a context as a bean
 * ({@code @Import(JobGate.class)}, or registered by an initializer).
 */
public final class JobGate implements TrainingJobListener {

	private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

	/**
	 * Holds every job of the model that starts from now until the returned gate opens.
	 */
	public Held hold(String modelName) {
		CountDownLatch latch = new CountDownLatch(1);
		this.held.put(modelName, latch);
		return () -> {
			this.held.remove(modelName, latch);
			latch.countDown();
		};
	}

	@Override
	public void started(QueuedJob job) {
		CountDownLatch latch = this.held.get(job.modelName());
		if (latch == null) {
			return;
		}
		try {
			// Bounded, so that a test that forgets to open the gate fails instead of
			// hanging.
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** An open gate lets the held jobs go on. */
	@FunctionalInterface
	public interface Held extends AutoCloseable {

		@Override
		void close();

	}

}
