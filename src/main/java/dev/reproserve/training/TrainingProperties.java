package dev.reproserve.training;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Training job settings.
 *
 * @param workers trainings run at once on this replica; each takes a core or more
 * @param maxQueuedJobs jobs that may wait on this replica before new ones are refused
 * @param orphanCheckInterval how often each replica looks for jobs whose replica is gone
 * (besides at startup) and marks them failed
 * @param mode {@code all}: accepts training requests and trains (its own jobs and those
 * serve-only replicas queued); {@code serve}: accepts them but leaves every job to a
 * training replica, so training never takes CPU from predictions; {@code train}: trains,
 * as {@code all} does, and is meant to run apart from the serving replicas
 * @param claimInterval how often a training replica looks for jobs to claim when it has a
 * worker free
 * @param sourceRetries how many times a claimed job whose SQL source cannot be reached
 * goes back to the queue before it fails with that reason
 * @param sourceRetryDelay how long such a job waits before its first retry; each further
 * retry waits twice as long as the one before
 */
@Validated
@ConfigurationProperties("reproserve.training")
public record TrainingProperties(@DefaultValue("1") @Min(1) @Max(64) int workers,
		@DefaultValue("100") @Min(1) int maxQueuedJobs, @DefaultValue("60s") Duration orphanCheckInterval,
		@DefaultValue("all") Mode mode, @DefaultValue("1s") Duration claimInterval,
		@DefaultValue("5") @Min(0) @Max(20) int sourceRetries, @DefaultValue("5s") Duration sourceRetryDelay) {

	/** Whether a replica trains. */
	public enum Mode {

		ALL, SERVE, TRAIN;

		public boolean trains() {
			return this != SERVE;
		}

	}

}
