package dev.reproserve.training;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reproserve.bundle.InvalidBundleException;
import dev.reproserve.datasets.SourceUnavailableException;
import dev.reproserve.registry.Replica;
import dev.reproserve.shared.DomainException;
import dev.reproserve.training.internal.JobOwnership;
import dev.reproserve.training.internal.JobStore;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * The one job queue, for trainings and reproductions alike: this replica's workers, at
 * most {@code reproserve.training.max-queued-jobs} jobs waiting for them (more are
 * refused with {@link TrainingQueueFullException}), and each job's status and progress in
 * PostgreSQL. A replica that does not train ({@code reproserve.training.mode=serve})
 * queues jobs unclaimed for training replicas ({@link QueuedJobClaims}). A job is never
 * left running: on a graceful stop this replica marks its unfinished jobs failed, and
 * {@link StoppedReplicaJobs} those of replicas that died.
 */
@Service
public class JobQueue implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(JobQueue.class);

	static final TrainingJob.Failure ORPHANED = new TrainingJob.Failure(DomainException.typeOf("training-interrupted"),
			"Training interrupted",
			"The replica that ran this job stopped (crash, restart or shutdown) before it finished;"
					+ " nothing was registered or recorded. Submit it again.",
			List.of());

	private final JobStore store;

	private final JobOwnership ownership;

	private final TrainingProperties properties;

	private final SourceRetries retries;

	private final ThreadPoolTaskExecutor workers;

	private final ObjectProvider<TrainingJobListener> listeners;

	private final ObjectProvider<JobKindHandler> handlers;

	private final TrainingJobMeters meters;

	/**
	 * The jobs this replica has queued or runs, each completed with the job as it ended.
	 */
	private final Map<Long, CompletableFuture<QueuedJob>> unfinished = new ConcurrentHashMap<>();

	private final String node = Replica.name();

	JobQueue(JobStore store, JobOwnership ownership, TrainingProperties properties, SourceRetries retries,
			TrainingJobMeters meters, ObjectProvider<TrainingJobListener> listeners,
			ObjectProvider<JobKindHandler> handlers) {
		this.store = store;
		this.ownership = ownership;
		this.properties = properties;
		this.retries = retries;
		this.meters = meters;
		this.listeners = listeners;
		this.handlers = handlers;
		this.workers = workers(properties);
	}

	/** As many threads as workers, and a queue as long as the jobs allowed to wait. */
	private static ThreadPoolTaskExecutor workers(TrainingProperties properties) {
		ThreadPoolTaskExecutor workers = new ThreadPoolTaskExecutor();
		workers.setCorePoolSize(properties.workers());
		workers.setMaxPoolSize(properties.workers());
		workers.setQueueCapacity(properties.maxQueuedJobs());
		workers.setThreadNamePrefix("reproserve-training-");
		workers.setDaemon(true);
		workers.initialize();
		return workers;
	}

	/**
	 * Queues a job checked in full: on this replica's workers, or unclaimed where this
	 * replica does not train.
	 * @param work what a worker here does; ignored where the job is left to another
	 * replica, which prepares its own ({@link JobKindHandler})
	 * @throws TrainingQueueFullException when as many jobs wait here as allowed
	 * @throws TrainingNeedsItsDataHereException for a job whose data came with the
	 * request, on a replica that does not train
	 */
	public QueuedJob submit(NewJob job, JobWork work) {
		if (!this.properties.mode().trains()) {
			if (job.dataOnlyHere()) {
				throw new TrainingNeedsItsDataHereException();
			}
			return job(this.store.insertUnclaimed(job));
		}
		// The queue's place is taken before the job's row exists, so that a full queue
		// leaves no row behind; the task starts on the row's id once it is written.
		CompletableFuture<Long> inserted = new CompletableFuture<>();
		try {
			// Joined on the worker, never chained: the work must not run on the request
			// thread that writes the row.
			this.workers.execute(() -> {
				long id;
				try {
					id = inserted.join();
				}
				catch (CompletionException ex) {
					return;
				}
				runToTheEnd(id, job.kind(), work);
			});
		}
		catch (TaskRejectedException ex) {
			throw new TrainingQueueFullException(this.properties.maxQueuedJobs());
		}
		long id;
		try {
			id = this.store.insert(job, this.ownership.key(), this.node);
		}
		catch (RuntimeException ex) {
			inserted.completeExceptionally(ex);
			throw ex;
		}
		this.unfinished.put(id, new CompletableFuture<>());
		inserted.complete(id);
		return job(id);
	}

	/**
	 * Records a job that was done at once, on the request thread, because it needed no
	 * worker (a reproduction whose verdict is known without retraining).
	 */
	public QueuedJob recordDone(NewJob job, JobResult result) {
		return job(this.store.insertSucceeded(job, result, this.ownership.key(), this.node));
	}

	/** A job of either kind, if there is one. */
	public Optional<QueuedJob> find(long id) {
		return this.store.find(id);
	}

	private QueuedJob job(long id) {
		return this.store.find(id).orElseThrow(() -> TrainingJobNotFoundException.forId(id));
	}

	/**
	 * Waits until a job this replica runs has finished, and returns it as it ended; a job
	 * that has finished already, or that another replica runs, is returned as it stands.
	 * @throws TrainingJobNotFoundException when there is none
	 */
	public QueuedJob awaitFinished(long id) {
		CompletableFuture<QueuedJob> done = this.unfinished.get(id);
		return (done != null) ? done.join() : job(id);
	}

	/** Whether a worker here would start a job at once. */
	boolean hasIdleWorker() {
		return this.workers.getActiveCount() + this.workers.getThreadPoolExecutor().getQueue().size() < this.properties
			.workers();
	}

	/**
	 * Runs a job this replica claimed. A job that cannot run (its data is gone) is marked
	 * failed; one whose SQL source is down goes back to the queue for later, within
	 * bounds ({@link SourceRetries}).
	 * @return false when no worker took it after all, so it is to be given back
	 */
	boolean runClaimed(ClaimedJob job) {
		try {
			JobWork work = handler(job.kind()).prepare(job);
			this.unfinished.put(job.id(), new CompletableFuture<>());
			this.workers.execute(() -> runToTheEnd(job.id(), job.kind(), work));
			return true;
		}
		catch (TaskRejectedException ex) {
			this.unfinished.remove(job.id());
			return false;
		}
		catch (SourceUnavailableException ex) {
			this.retries.retryOrFail(job, ex);
			return true;
		}
		catch (DomainException ex) {
			this.store.fail(job.id(), TrainingJob.Failure.of(ex));
			return true;
		}
	}

	private JobKindHandler handler(JobKind kind) {
		return this.handlers.orderedStream()
			.filter((handler) -> handler.kind() == kind)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No handler of " + kind + " jobs"));
	}

	private void runToTheEnd(long id, JobKind kind, JobWork work) {
		try {
			run(id, kind, work);
		}
		finally {
			CompletableFuture<QueuedJob> done = this.unfinished.remove(id);
			try {
				done.complete(job(id));
			}
			catch (RuntimeException ex) {
				done.completeExceptionally(ex);
			}
		}
	}

	private void run(long id, JobKind kind, JobWork work) {
		long startedNanos = System.nanoTime();
		if (!this.store.start(id)) {
			return;
		}
		try {
			QueuedJob started = job(id);
			this.listeners.orderedStream().forEach((listener) -> listener.started(started));
			JobResult result = work.run((stage, fraction) -> this.store.progress(id, stage, fraction));
			if (result == null || !this.store.succeed(id, result)) {
				// Marked failed while it ran (this replica stopping, or taken for dead):
				// the failure says nothing was recorded, so record nothing.
				log.info("{} job {} was marked failed while it ran; nothing of it is recorded", kind, id);
				return;
			}
			this.meters.finished(kind, "succeeded", startedNanos);
			log.info("{} job {} of {}: {}", kind, id, started.modelName(), result.stage());
		}
		catch (DomainException ex) {
			fail(id, kind, TrainingJob.Failure.of(ex), startedNanos);
			log.info("{} job {} failed: {}", kind, id, ex.detail());
		}
		catch (InvalidBundleException ex) {
			fail(id, kind, TrainingJob.Failure.of(ex), startedNanos);
			log.info("{} job {} failed: {}", kind, id, ex.getMessage());
		}
		catch (RuntimeException | Error ex) {
			// Errors too (out of memory on a large table): a job is never left running.
			fail(id, kind, new TrainingJob.Failure(DomainException.typeOf("training-failed"), "Training failed",
					"The training stopped on an unexpected error; see the service log for job " + id + ".", List.of()),
					startedNanos);
			log.error("{} job {} failed unexpectedly", kind, id, ex);
		}
	}

	private void fail(long id, JobKind kind, TrainingJob.Failure failure, long startedNanos) {
		this.store.fail(id, failure);
		this.meters.finished(kind, "failed", startedNanos);
	}

	/**
	 * On a graceful stop, jobs still waiting or running here are marked failed at once
	 * rather than at the next replica's check.
	 */
	@Override
	public void destroy() {
		this.workers.shutdown();
		// Queued jobs that will never run: nobody waits on them for ever.
		this.unfinished.values().forEach((done) -> done.cancel(false));
		int failed = this.store.failAllOf(this.ownership.key(), ORPHANED).size();
		if (failed > 0) {
			log.warn("Marked {} unfinished job(s) failed on shutdown", failed);
		}
		this.ownership.close();
	}

}
