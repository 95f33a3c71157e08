package dev.reproserve.training;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A job of the queue as stored, of either kind; {@link TrainingJob} is how a training
 * shows it to clients.
 *
 * @param id the job's number, shared by both kinds
 * @param kind training or reproduction
 * @param modelName the model
 * @param datasetId the snapshot trained on (for a reproduction, the one its version
 * records, if any)
 * @param version the version registered by a training once succeeded; the version a
 * reproduction rebuilds
 * @param status queued, running, succeeded or failed
 * @param stage what the job does now or did last, in words
 * @param progress roughly how much is done, from 0 to 1
 * @param bundleSha256 the registered bundle's SHA-256, for a succeeded training
 * @param metrics its test-split metrics
 * @param reproductionId the reproduction recorded, for a succeeded reproduction
 * @param failure why it failed, once failed
 * @param requestedBy who asked
 * @param createdAt when it was asked for
 * @param startedAt when it started running
 * @param finishedAt when it succeeded or failed
 * @param attempts how many times it went back to the queue because its SQL source was
 * down
 */
public record QueuedJob(long id, JobKind kind, String modelName, @Nullable String datasetId, @Nullable Integer version,
		TrainingJob.Status status, String stage, double progress, @Nullable String bundleSha256,
		@Nullable Map<String, Double> metrics, @Nullable Long reproductionId, TrainingJob.@Nullable Failure failure,
		String requestedBy, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
		int attempts) {

	public boolean finished() {
		return this.status == TrainingJob.Status.SUCCEEDED || this.status == TrainingJob.Status.FAILED;
	}

}
