package dev.reproserve.training;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.bundle.InvalidBundleException;
import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.datasets.DatasetDataAlteredException;
import dev.reproserve.datasets.DatasetHasNoDataException;
import dev.reproserve.datasets.DatasetSnapshot;
import dev.reproserve.datasets.DatasetSnapshots;
import dev.reproserve.datasets.QuerySnapshots;
import dev.reproserve.datasets.SnapshotData;
import dev.reproserve.shared.DomainException;
import dev.reproserve.registry.InvalidNameException;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.Registration;
import dev.reproserve.registry.Replica;
import dev.reproserve.shared.ResultPage;
import dev.reproserve.training.internal.JobOwnership;
import dev.reproserve.training.internal.JobStore;
import dev.reproserve.training.internal.ModelTrainer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Training jobs: a request is checked in full (model name, snapshot, data, spec, split)
 * and answered at once, 422 listing every problem before any work starts; the training
 * itself runs on this replica's worker threads, off the request threads, and registers
 * the bundle as the model's next version. Each job's status and progress are kept in
 * PostgreSQL. Jobs whose replica died (crash, kill, restart) are marked failed at startup
 * and by a periodic check on every replica, never left running.
 */
@Service
public class TrainingJobs implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(TrainingJobs.class);

	private static final TrainingJob.Failure ORPHANED = new TrainingJob.Failure(
			DomainException.typeOf("training-interrupted"), "Training interrupted",
			"The replica that ran this job stopped (crash, restart or shutdown) before it finished;"
					+ " nothing was registered. Submit the training again.",
			List.of());

	private final TrainingService training;

	private final DatasetSnapshots datasets;

	private final QuerySnapshots queries;

	private final ModelRegistry registry;

	private final JobStore store;

	private final JobOwnership ownership;

	private final JdbcTemplate jdbc;

	private final TrainingProperties properties;

	private final ThreadPoolTaskExecutor workers;

	private final List<TrainingJobListener> listeners;

	private final TaskScheduler scheduler;

	private final JsonMapper json;

	private final MeterRegistry meters;

	/**
	 * The jobs this replica has queued or runs, each completed with the job as it ended.
	 */
	private final Map<Long, CompletableFuture<TrainingJob>> unfinished = new ConcurrentHashMap<>();

	private final String node = Replica.name();

	TrainingJobs(TrainingService training, DatasetSnapshots datasets, QuerySnapshots queries, ModelRegistry registry,
			JobStore store, JobOwnership ownership, JdbcTemplate jdbc, TrainingProperties properties,
			MeterRegistry meters, ObjectProvider<TrainingJobListener> listeners, TaskScheduler scheduler,
			JsonMapper json) {
		this.scheduler = scheduler;
		this.json = json;
		this.meters = meters;
		this.training = training;
		this.datasets = datasets;
		this.queries = queries;
		this.registry = registry;
		this.store = store;
		this.ownership = ownership;
		this.jdbc = jdbc;
		this.properties = properties;
		this.listeners = listeners.orderedStream().toList();
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
	 * Checks a training request in full and queues it.
	 * @param modelName the model the version will belong to
	 * @param datasetId the snapshot to train on
	 * @param spec the pipeline spec
	 * @param suppliedCsv the data of a reference snapshot (null for a stored one, whose
	 * data Reproserve holds, and for one taken from a query, which runs again)
	 * @param actor who asks
	 * @return the queued job
	 * @throws InvalidTrainingRequestException listing every problem with spec and data
	 * @throws dev.reproserve.datasets.DatasetNotFoundException for an unknown snapshot
	 * @throws dev.reproserve.datasets.DatasetMismatchException for supplied data that is
	 * not the snapshot's, or a query snapshot's query that gives other data now
	 */
	public TrainingJob submit(String modelName, String datasetId, PipelineSpec spec, byte @Nullable [] suppliedCsv,
			String actor) {
		InvalidNameException.checkModel(modelName);
		if (spec == null) {
			throw new InvalidTrainingRequestException(List.of("spec is required: the pipeline spec to train with"));
		}
		TrainingData data = data(datasetId, suppliedCsv);
		ModelTrainer.validate(spec, data);
		String specJson = ManifestJson.treeToString(ManifestJson.valueTree(spec));
		if (!this.properties.mode().trains()) {
			if (suppliedCsv != null) {
				throw new TrainingNeedsItsDataHereException();
			}
			return job(this.store.insertUnclaimed(modelName, datasetId, specJson, actor));
		}
		// The queue's place is taken before the job's row exists, so that a full queue
		// leaves no row behind; the task starts on the row's id once it is written.
		CompletableFuture<Long> inserted = new CompletableFuture<>();
		try {
			// Joined on the worker, never chained: the training must not run on the
			// request thread that writes the row.
			this.workers.execute(() -> {
				long id;
				try {
					id = inserted.join();
				}
				catch (CompletionException ex) {
					return;
				}
				runToTheEnd(id, modelName, spec, data, actor);
			});
		}
		catch (TaskRejectedException ex) {
			throw new TrainingQueueFullException(this.properties.maxQueuedJobs());
		}
		long id;
		try {
			id = this.store.insert(modelName, datasetId, specJson, this.ownership.key(), this.node, actor);
		}
		catch (RuntimeException ex) {
			inserted.completeExceptionally(ex);
			throw ex;
		}
		this.unfinished.put(id, new CompletableFuture<>());
		inserted.complete(id);
		return job(id);
	}

	private void runToTheEnd(long id, String modelName, PipelineSpec spec, TrainingData data, String actor) {
		try {
			run(id, modelName, spec, data, actor);
		}
		finally {
			CompletableFuture<TrainingJob> done = this.unfinished.remove(id);
			try {
				done.complete(job(id));
			}
			catch (RuntimeException ex) {
				done.completeExceptionally(ex);
			}
		}
	}

	/**
	 * Waits until a job this replica runs has finished, and returns it as it ended; a job
	 * that has finished already, or that another replica runs, is returned as it stands.
	 * @throws TrainingJobNotFoundException when there is none
	 */
	public TrainingJob awaitFinished(long id) {
		CompletableFuture<TrainingJob> done = this.unfinished.get(id);
		return (done != null) ? done.join() : job(id);
	}

	private TrainingData data(String datasetId, byte[] suppliedCsv) {
		if (datasetId == null || datasetId.isBlank()) {
			throw new InvalidTrainingRequestException(
					List.of("datasetId is required: the id of a dataset snapshot (POST /api/v1/datasets)"));
		}
		DatasetSnapshot snapshot = this.datasets.snapshot(datasetId);
		if (suppliedCsv != null) {
			return new TrainingData(this.datasets.verifySupplied(datasetId, suppliedCsv), source(snapshot));
		}
		if (snapshot.kind() == DatasetSnapshot.Kind.REFERENCE) {
			if (snapshot.query() == null) {
				throw DatasetHasNoDataException.forSnapshot(snapshot);
			}
			return new TrainingData(this.queries.rerun(snapshot), source(snapshot));
		}
		SnapshotData stored = this.datasets.data(datasetId);
		if (!stored.intact()) {
			throw DatasetDataAlteredException.forData(stored);
		}
		return new TrainingData(stored.table(), source(snapshot));
	}

	private static String source(DatasetSnapshot snapshot) {
		return "dataset:" + snapshot.id() + " (" + ((snapshot.name() != null) ? snapshot.name() : snapshot.source())
				+ ")";
	}

	private void run(long id, String modelName, PipelineSpec spec, TrainingData data, String actor) {
		long startedNanos = System.nanoTime();
		if (!this.store.start(id)) {
			return;
		}
		try {
			if (!this.listeners.isEmpty()) {
				TrainingJob started = job(id);
				this.listeners.forEach((listener) -> listener.started(started));
			}
			TrainedModel trained = this.training.train(modelName, spec, data,
					(stage, fraction) -> this.store.progress(id, stage, fraction));
			if (!this.store.progress(id, "registering the version", 0.95)) {
				// Marked failed while it trained (this replica stopping, or taken for
				// dead): the failure says nothing was registered, so register nothing.
				log.info("Training job {} was marked failed while it ran; its model is not registered", id);
				return;
			}
			Registration registration = this.registry.register(modelName, trained.bundle(), actor);
			this.store.succeed(id, registration.version().version(), registration.version().bundleSha256(),
					trained.manifest().metrics(),
					registration.created() ? "registered version " + registration.version().version()
							: "the same bundle was registered already as version " + registration.version().version());
			finished("succeeded", startedNanos);
			log.info("Training job {} registered {} version {}", id, modelName, registration.version().version());
		}
		catch (DomainException ex) {
			this.store.fail(id, TrainingJob.Failure.of(ex));
			finished("failed", startedNanos);
			log.info("Training job {} failed: {}", id, ex.detail());
		}
		catch (InvalidBundleException ex) {
			this.store.fail(id, TrainingJob.Failure.of(ex));
			finished("failed", startedNanos);
			log.info("Training job {} failed: {}", id, ex.getMessage());
		}
		catch (RuntimeException | Error ex) {
			// Errors too (out of memory on a large table): a job is never left running.
			this.store.fail(id, new TrainingJob.Failure(DomainException.typeOf("training-failed"), "Training failed",
					"The training stopped on an unexpected error; see the service log for job " + id + ".", List.of()));
			finished("failed", startedNanos);
			log.error("Training job {} failed unexpectedly", id, ex);
		}
	}

	private void finished(String outcome, long startedNanos) {
		Counter.builder("reproserve.training.jobs")
			.description("Training jobs finished on this replica, by outcome")
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
		Timer.builder("reproserve.training.duration")
			.description("Time a training job ran, from start to a registered version or a failure")
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.meters)
			.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * @throws TrainingJobNotFoundException when there is none
	 */
	public TrainingJob job(long id) {
		return this.store.find(id).orElseThrow(() -> TrainingJobNotFoundException.forId(id));
	}

	/** Jobs, newest first. */
	public ResultPage<TrainingJob> jobs(int page, int size) {
		long total = this.store.count();
		return ResultPage.of(this.store.newestFirst((long) page * size, size), page, size, total);
	}

	/**
	 * Marks failed every unfinished job whose replica is gone: at startup (this replica's
	 * previous life included) and then periodically, for replicas that died meanwhile.
	 * @return how many jobs were marked failed
	 */
	public int failJobsOfStoppedReplicas() {
		int mine = this.ownership.key();
		int failed = 0;
		for (int owner : this.store.otherOwnersOfUnfinishedJobs(mine)) {
			int[] count = new int[1];
			if (this.ownership.ifGone(this.jdbc, owner, () -> count[0] = this.store.failAllOf(owner, ORPHANED))) {
				failed += count[0];
			}
		}
		if (failed > 0) {
			Counter.builder("reproserve.training.jobs")
				.description("Training jobs finished on this replica, by outcome")
				.tag("outcome", "interrupted")
				.register(this.meters)
				.increment(failed);
			log.warn("Marked {} training job(s) failed: the replica running them had stopped", failed);
		}
		return failed;
	}

	/** Whether a worker here would start a job at once. */
	boolean hasIdleWorker() {
		return this.workers.getActiveCount() + this.workers.getThreadPoolExecutor().getQueue().size() < this.properties
			.workers();
	}

	/**
	 * Runs a job this replica claimed; a job that cannot run (its data is gone) is marked
	 * failed.
	 * @return false when no worker took it after all, so it is to be given back
	 */
	boolean runClaimed(JobStore.Claimed job) {
		try {
			PipelineSpec spec = this.json.readValue(job.specJson(), PipelineSpec.class);
			TrainingData data = data(job.datasetId(), null);
			this.unfinished.put(job.id(), new CompletableFuture<>());
			this.workers.execute(() -> runToTheEnd(job.id(), job.modelName(), spec, data, job.requestedBy()));
			return true;
		}
		catch (TaskRejectedException ex) {
			this.unfinished.remove(job.id());
			return false;
		}
		catch (DomainException ex) {
			this.store.fail(job.id(), TrainingJob.Failure.of(ex));
			return true;
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void failJobsLeftByThePreviousRun() {
		failJobsOfStoppedReplicas();
	}

	/** Then every {@code reproserve.training.orphan-check-interval}. */
	@EventListener(ApplicationReadyEvent.class)
	void checkForStoppedReplicasPeriodically() {
		Duration interval = this.properties.orphanCheckInterval();
		this.scheduler.scheduleWithFixedDelay(this::failJobsOfStoppedReplicas, Instant.now().plus(interval), interval);
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
		int failed = this.store.failAllOf(this.ownership.key(), ORPHANED);
		if (failed > 0) {
			log.warn("Marked {} unfinished training job(s) failed on shutdown", failed);
		}
		this.ownership.close();
	}

}
