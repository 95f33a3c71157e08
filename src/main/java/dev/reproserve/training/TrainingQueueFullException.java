package dev.reproserve.training;

import java.util.Map;

import dev.reproserve.web.ProblemException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** This replica has as many trainings waiting as it accepts. */
public class TrainingQueueFullException extends ProblemException {

	public TrainingQueueFullException(int limit) {
		super(HttpStatus.TOO_MANY_REQUESTS, "training-queue-full", "Training queue full",
				limit + " training jobs are waiting on this replica already (reproserve.training.max-queued-jobs);"
						+ " try again when some have finished.",
				Map.of("limit", limit));
		getHeaders().set(HttpHeaders.RETRY_AFTER, "30");
	}

}
