package dev.reproserve.reproduce;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.reproserve.registry.Reproduction;
import dev.reproserve.training.QueuedJob;
import dev.reproserve.training.TrainingJob;

/**
 * A reproduction run as a job: where it stands, and once done the reproduction it
 * recorded, exactly as it is recorded, or why it failed.
 *
 * @param id the job's number (in the one queue trainings share)
 * @param model the model
 * @param version the version rebuilt
 * @param status queued, running, succeeded (a verdict was recorded, whatever it is) or
 * failed (nothing was recorded)
 * @param stage what the job does now or did last, in words
 * @param progress roughly how much is done, from 0 to 1
 * @param reproduction the recorded reproduction, once succeeded
 * @param failure why it failed, once failed
 * @param requestedBy who asked
 * @param createdAt when it was asked for
 * @param startedAt when it started running
 * @param finishedAt when it succeeded or failed
 */
public record ReproductionJob(long id, String model, int version, TrainingJob.Status status, String stage,
		double progress, @Nullable Reproduction reproduction, TrainingJob.@Nullable Failure failure, String requestedBy,
		Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt) {

	static ReproductionJob of(QueuedJob job, @Nullable Reproduction reproduction) {
		return new ReproductionJob(job.id(), job.modelName(), job.version(), job.status(), job.stage(), job.progress(),
				reproduction, job.failure(), job.requestedBy(), job.createdAt(), job.startedAt(), job.finishedAt());
	}

}
