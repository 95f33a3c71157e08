package dev.reproserve.training;

import org.jspecify.annotations.Nullable;

/**
 * A job to queue, checked in full already.
 *
 * @param kind training or reproduction
 * @param modelName the model
 * @param datasetId the snapshot it trains on
 * @param version the version a reproduction rebuilds; null for a training
 * @param specJson the pipeline spec, as JSON
 * @param requestedBy who asks
 * @param dataOnlyHere whether its data came with the request: such a job cannot be left
 * to another replica, since that data is never stored
 */
public record NewJob(JobKind kind, String modelName, @Nullable String datasetId, @Nullable Integer version,
		@Nullable String specJson, String requestedBy, boolean dataOnlyHere) {
}
