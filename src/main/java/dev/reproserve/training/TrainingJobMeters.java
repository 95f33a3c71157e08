package dev.reproserve.training;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The training-job meters: {@code reproserve.training.jobs} by outcome and
 * {@code reproserve.training.duration}. They count trainings only, as they always did; a
 * reproduction job is counted by its verdict ({@code reproserve.reproductions}).
 */
@Component
class TrainingJobMeters {

	private final MeterRegistry meters;

	TrainingJobMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	/** A job this replica ran has succeeded or failed. */
	void finished(JobKind kind, String outcome, long startedNanos) {
		if (kind != JobKind.TRAINING) {
			return;
		}
		count(outcome, 1);
		Timer.builder("reproserve.training.duration")
			.description("Time a training job ran, from start to a registered version or a failure")
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.meters)
			.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
	}

	/** Trainings of stopped replicas that this replica marked failed. */
	void interrupted(int trainings) {
		count("interrupted", trainings);
	}

	private void count(String outcome, int jobs) {
		Counter.builder("reproserve.training.jobs")
			.description("Training jobs finished on this replica by outcome; interrupted counts the jobs of stopped"
					+ " replicas that this replica marked failed")
			.tag("outcome", outcome)
			.register(this.meters)
			.increment(jobs);
	}

}
