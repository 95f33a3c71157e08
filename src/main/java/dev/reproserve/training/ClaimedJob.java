package dev.reproserve.training;

import org.jspecify.annotations.Nullable;

/**
 * A queued job this replica claimed: what it needs to prepare the job's work again.
 *
 * @param id the job
 * @param kind training or reproduction
 * @param modelName the model
 * @param datasetId the snapshot it trains on
 * @param version the version a reproduction rebuilds
 * @param specJson the pipeline spec of a training, as JSON
 * @param requestedBy who asked
 * @param attempts how many times it went back to the queue already because its SQL source
 * was down
 */
public record ClaimedJob(long id, JobKind kind, String modelName, @Nullable String datasetId, @Nullable Integer version,
		@Nullable String specJson, String requestedBy, int attempts) {
}
