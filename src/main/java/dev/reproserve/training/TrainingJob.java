package dev.reproserve.training;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.reproserve.bundle.JsonEnum;
import dev.reproserve.bundle.InvalidBundleException;
import dev.reproserve.shared.DomainException;

/**
 * A training job: what was asked, where it stands, and what it produced.
 *
 * @param id the job's number
 * @param modelName the model the new version belongs to
 * @param datasetId the dataset snapshot trained on
 * @param status queued, running, succeeded or failed
 * @param stage what the job does now or did last, in words
 * @param progress roughly how much is done, from 0 to 1
 * @param version the version registered, once succeeded
 * @param bundleSha256 that version's bundle SHA-256, once succeeded
 * @param metrics the test-split metrics, once succeeded
 * @param failure why it failed, once failed
 * @param requestedBy who asked
 * @param createdAt when it was asked for
 * @param startedAt when it started running
 * @param finishedAt when it succeeded or failed
 */
public record TrainingJob(long id, String modelName, String datasetId, Status status, String stage, double progress,
		Integer version, String bundleSha256, Map<String, Double> metrics, Failure failure, String requestedBy,
		Instant createdAt, Instant startedAt, Instant finishedAt) {

	/** A training as the queue stores it. */
	public static TrainingJob of(QueuedJob job) {
		return new TrainingJob(job.id(), job.modelName(), job.datasetId(), job.status(), job.stage(), job.progress(),
				job.version(), job.bundleSha256(), job.metrics(), job.failure(), job.requestedBy(), job.createdAt(),
				job.startedAt(), job.finishedAt());
	}

	/** Where a job stands. */
	public enum Status implements JsonEnum {

		QUEUED, RUNNING, SUCCEEDED, FAILED;

		public static Status of(String json) {
			return JsonEnum.of(Status.class, json);
		}

		@Override
		public String toString() {
			return json();
		}

	}

	/**
	 * Why a job failed, in the shape of the problem a synchronous request would have
	 * answered.
	 *
	 * @param type the problem type URI
	 * @param title the problem title
	 * @param detail what went wrong and how to fix it
	 * @param problems every problem, where there are several
	 */
	public record Failure(String type, String title, String detail, List<String> problems) {

		/** The failure a refusal of the training gives. */
		public static Failure of(DomainException refusal) {
			return new Failure(DomainException.typeOf(refusal.slug()), refusal.title(), refusal.detail(),
					refusal.problems());
		}

		/** The failure a trained model that does not make a valid bundle gives. */
		public static Failure of(InvalidBundleException invalid) {
			return new Failure(DomainException.typeOf(InvalidBundleException.SLUG), InvalidBundleException.TITLE,
					invalid.getMessage(), List.of());
		}

	}

}
