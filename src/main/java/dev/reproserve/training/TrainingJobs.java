package dev.reproserve.training;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.registry.InvalidNameException;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.Registration;
import dev.reproserve.shared.ResultPage;
import dev.reproserve.training.internal.JobStore;
import dev.reproserve.training.internal.ModelTrainer;

import org.springframework.stereotype.Service;

/**
 * Training jobs: a request is checked in full (model name, snapshot, data, spec, split)
 * and answered at once, 422 listing every problem before any work starts; the training
 * itself runs as a job of the {@link JobQueue}, off the request threads, and registers
 * the bundle as the model's next version.
 */
@Service
public class TrainingJobs implements JobKindHandler {

	private final TrainingService training;

	private final SnapshotTrainingData data;

	private final ModelRegistry registry;

	private final JobQueue queue;

	private final JobStore store;

	private final JsonMapper json;

	TrainingJobs(TrainingService training, SnapshotTrainingData data, ModelRegistry registry, JobQueue queue,
			JobStore store, JsonMapper json) {
		this.training = training;
		this.data = data;
		this.registry = registry;
		this.queue = queue;
		this.store = store;
		this.json = json;
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
		TrainingData data = this.data.of(datasetId, suppliedCsv);
		ModelTrainer.validate(spec, data);
		String specJson = ManifestJson.treeToString(ManifestJson.valueTree(spec));
		NewJob job = new NewJob(JobKind.TRAINING, modelName, datasetId, null, specJson, actor, suppliedCsv != null);
		return TrainingJob.of(this.queue.submit(job, work(modelName, spec, data, actor)));
	}

	@Override
	public JobKind kind() {
		return JobKind.TRAINING;
	}

	/** A claimed training: its spec as recorded, its data read again. */
	@Override
	public JobWork prepare(ClaimedJob job) {
		PipelineSpec spec = this.json.readValue(job.specJson(), PipelineSpec.class);
		return work(job.modelName(), spec, this.data.of(job.datasetId(), null), job.requestedBy());
	}

	/** Trains, then registers the version unless the job was marked failed meanwhile. */
	private JobWork work(String modelName, PipelineSpec spec, TrainingData data, String actor) {
		return (progress) -> {
			TrainedModel trained = this.training.train(modelName, spec, data, progress::stage);
			if (!progress.stage("registering the version", 0.95)) {
				return null;
			}
			Registration registration = this.registry.register(modelName, trained.bundle(), actor);
			int version = registration.version().version();
			return JobResult.registered(version, registration.version().bundleSha256(), trained.manifest().metrics(),
					registration.created() ? "registered version " + version
							: "the same bundle was registered already as version " + version);
		};
	}

	/**
	 * Waits until a training this replica runs has finished, and returns it as it ended;
	 * one that has finished already, or that another replica runs, is returned as it
	 * stands.
	 * @throws TrainingJobNotFoundException when there is none
	 */
	public TrainingJob awaitFinished(long id) {
		job(id);
		return TrainingJob.of(this.queue.awaitFinished(id));
	}

	/**
	 * @throws TrainingJobNotFoundException when there is no training with that id
	 */
	public TrainingJob job(long id) {
		return this.store.find(id)
			.filter((job) -> job.kind() == JobKind.TRAINING)
			.map(TrainingJob::of)
			.orElseThrow(() -> TrainingJobNotFoundException.forId(id));
	}

	/** Trainings, newest first. */
	public ResultPage<TrainingJob> jobs(int page, int size) {
		long total = this.store.count(JobKind.TRAINING);
		return ResultPage.of(this.store.newestFirst(JobKind.TRAINING, (long) page * size, size)
			.stream()
			.map(TrainingJob::of)
			.toList(), page, size, total);
	}

}
