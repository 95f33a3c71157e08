package dev.reproserve.training;

/**
 * Told of a job's progress (a training or a reproduction) on the replica that runs it, on
 * the worker thread. Beans of this type are called in order; the service declares none.
 * Tests use it to hold a job at a known point (on a latch) instead of training something
 * slow enough.
 */
public interface TrainingJobListener {

	/** The job is marked running and is about to train. */
	default void started(QueuedJob job) {
	}

}
