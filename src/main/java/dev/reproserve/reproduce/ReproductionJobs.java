package dev.reproserve.reproduce;

import org.jspecify.annotations.Nullable;

import dev.reproserve.registry.Reproduction;
import dev.reproserve.training.ClaimedJob;
import dev.reproserve.training.JobKind;
import dev.reproserve.training.JobKindHandler;
import dev.reproserve.training.JobQueue;
import dev.reproserve.training.JobResult;
import dev.reproserve.training.JobWork;
import dev.reproserve.training.NewJob;
import dev.reproserve.training.QueuedJob;

import org.springframework.stereotype.Service;

/**
 * Reproductions as jobs of the training queue, since a reproduction retrains and takes as
 * long as the training did. A request is checked at once (the version exists, the data
 * supplied or a reference's query gives the recorded fingerprint), and answered with the
 * job; a verdict that needs no retraining ({@code not-reproducible-here}, unreadable
 * stored data) is recorded at once, so that job has succeeded already. The rest wait for
 * a worker, here or, from a serve-only replica, on a training replica that claims them.
 */
@Service
public class ReproductionJobs implements JobKindHandler {

	private final Reproductions reproductions;

	private final JobQueue queue;

	ReproductionJobs(Reproductions reproductions, JobQueue queue) {
		this.reproductions = reproductions;
		this.queue = queue;
	}

	/**
	 * Checks a reproduction request and queues it.
	 * @param suppliedCsv the training data, needed only when the version was trained from
	 * a reference snapshot; null otherwise
	 * @param actor who asks
	 * @throws dev.reproserve.datasets.DatasetMismatchException when supplied data is not
	 * the recorded snapshot's, or a query snapshot's query gives other data now (nothing
	 * is recorded or queued)
	 * @throws dev.reproserve.training.TrainingQueueFullException when as many jobs wait
	 * as allowed
	 * @throws dev.reproserve.training.TrainingNeedsItsDataHereException for data supplied
	 * to a replica that does not train
	 */
	public ReproductionJob submit(String model, int version, byte @Nullable [] suppliedCsv, String actor) {
		Reproductions.Prepared prepared = this.reproductions.prepare(model, version, suppliedCsv);
		NewJob job = new NewJob(JobKind.REPRODUCTION, model, prepared.recorded().trainingData().sha256(), version, null,
				actor, suppliedCsv != null);
		Reproduction.Outcome decided = prepared.decided();
		if (decided != null) {
			Reproduction recorded = this.reproductions.record(prepared, decided, actor);
			return ReproductionJob.of(this.queue.recordDone(job, result(recorded)), recorded);
		}
		return view(this.queue.submit(job, work(prepared, actor)));
	}

	@Override
	public JobKind kind() {
		return JobKind.REPRODUCTION;
	}

	/** A claimed reproduction: the version's recorded inputs, read again. */
	@Override
	public JobWork prepare(ClaimedJob job) {
		return work(this.reproductions.prepare(job.modelName(), job.version(), null), job.requestedBy());
	}

	/**
	 * Retrains and compares, then records the verdict unless the job failed meanwhile.
	 */
	private JobWork work(Reproductions.Prepared prepared, String actor) {
		return (progress) -> {
			Reproduction.Outcome outcome = this.reproductions.outcome(prepared, progress::stage);
			if (!progress.stage("recording the verdict", 0.95)) {
				return null;
			}
			return result(this.reproductions.record(prepared, outcome, actor));
		};
	}

	private static JobResult result(Reproduction recorded) {
		return JobResult.reproduced(recorded.id(),
				"recorded reproduction " + recorded.id() + ": " + recorded.verdict());
	}

	/**
	 * @throws ReproductionJobNotFoundException when the version has no reproduction job
	 * with that id
	 */
	public ReproductionJob job(String model, int version, long id) {
		return this.queue.find(id)
			.filter((job) -> job.kind() == JobKind.REPRODUCTION && job.modelName().equals(model)
					&& job.version() != null && job.version() == version)
			.map(this::view)
			.orElseThrow(() -> ReproductionJobNotFoundException.forId(model, version, id));
	}

	/**
	 * Waits until a reproduction job this replica runs has finished, and returns it as it
	 * ended; one that another replica runs is returned as it stands.
	 */
	public ReproductionJob awaitFinished(long id) {
		return view(this.queue.awaitFinished(id));
	}

	private ReproductionJob view(QueuedJob job) {
		Long reproduction = job.reproductionId();
		return ReproductionJob.of(job, (reproduction != null)
				? this.reproductions.reproduction(job.modelName(), job.version(), reproduction) : null);
	}

}
