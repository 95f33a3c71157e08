package dev.reproserve.training;

import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/** This replica has as many trainings waiting as it accepts. */
public class TrainingQueueFullException extends DomainException {

	public TrainingQueueFullException(int limit) {
		super(Kind.BUSY, "training-queue-full", "Training queue full",
				limit + " training jobs are waiting on this replica already (reproserve.training.max-queued-jobs);"
						+ " try again when some have finished.",
				Map.of("limit", limit));
	}

	@Override
	public Integer retryAfterSeconds() {
		return 30;
	}

}
