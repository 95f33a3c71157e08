package dev.reproserve.reproduce;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.bundle.DependencyList;
import dev.reproserve.bundle.GoldenExample;
import dev.reproserve.bundle.InvalidBundleException;
import dev.reproserve.bundle.LoadedBundle;
import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.datasets.CsvTable;
import dev.reproserve.datasets.DatasetNotFoundException;
import dev.reproserve.datasets.DatasetSnapshot;
import dev.reproserve.datasets.DatasetSnapshots;
import dev.reproserve.datasets.QuerySnapshots;
import dev.reproserve.datasets.SnapshotData;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.Reproduction;
import dev.reproserve.registry.ReproductionVerdict;
import dev.reproserve.shared.ResultPage;
import dev.reproserve.registry.VersionDetails;
import dev.reproserve.registry.VersionRef;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainedModel;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.TrainingProgress;
import dev.reproserve.training.TrainingService;
import dev.reproserve.shared.DomainException;

import org.springframework.stereotype.Service;

/**
 * Rebuilds a version from what its manifest records (dataset snapshot, pipeline spec,
 * seeds) in the running service and compares the result with the registered model:
 * <ol>
 * <li>same canonical model fingerprint: {@code identical};</li>
 * <li>otherwise, the same outputs to the bit on every golden example and every test-split
 * row: {@code equivalent-outputs};</li>
 * <li>otherwise {@code different}, with what differs: data fingerprint, hyperparameters,
 * dependencies, fitted pipeline, per-example outputs.</li>
 * </ol>
 * A version this service cannot rebuild (uploaded without a spec, trained from data no
 * snapshot here holds, or from a reference snapshot whose data was not supplied) gets
 * {@code not-reproducible-here} with the reason. Every verdict is recorded, append-only.
 * {@link ReproductionJobs} runs reproductions as jobs of the training queue.
 */
@Service
public class Reproductions {

	private static final Logger log = LoggerFactory.getLogger(Reproductions.class);

	/** Per-example differences listed in full; the rest are counted. */
	static final int MAX_EXAMPLES = 10;

	private final ModelRegistry registry;

	private final DatasetSnapshots datasets;

	private final QuerySnapshots queries;

	private final TrainingService training;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final RecordDifferences diffs;

	private final RecordedInputs inputs;

	Reproductions(ModelRegistry registry, DatasetSnapshots datasets, QuerySnapshots queries, TrainingService training,
			JsonMapper json, MeterRegistry meters) {
		this.meters = meters;
		this.registry = registry;
		this.datasets = datasets;
		this.queries = queries;
		this.training = training;
		this.json = json;
		this.diffs = new RecordDifferences(json);
		this.inputs = new RecordedInputs(datasets, queries, json, this.diffs);
	}

	/**
	 * What a reproduction of a version starts from, read at once: the version and its
	 * recorded inputs, or the verdict when there is nothing to rebuild from.
	 */
	record Prepared(String model, int version, BundleManifest recorded, VersionRef ref, RecordedInputs.Inputs inputs,
			long inputsNanos) {

		/** The verdict, when it is known without retraining. */
		Reproduction.@Nullable Outcome decided() {
			return this.inputs.refusal();
		}

	}

	/**
	 * Reads a version and what it was trained from.
	 * @param suppliedCsv the training data, needed only when the version was trained from
	 * a reference snapshot; null otherwise
	 * @throws dev.reproserve.datasets.DatasetMismatchException when supplied data is not
	 * the recorded snapshot's, or a query snapshot's query gives other data now (nothing
	 * is recorded: the request or the source was wrong, not the version)
	 * @throws dev.reproserve.datasets.SourceUnavailableException when a query snapshot's
	 * source cannot be reached
	 */
	Prepared prepare(String model, int version, byte @Nullable [] suppliedCsv) {
		long started = System.nanoTime();
		VersionDetails details = this.registry.version(model, version);
		VersionRef ref = this.registry.versionRef(model, version);
		RecordedInputs.Inputs inputs = this.inputs.read(details.manifest(), suppliedCsv, started);
		return new Prepared(model, version, details.manifest(), ref, inputs, System.nanoTime() - started);
	}

	/** Records a verdict, whatever it is, and counts it. */
	Reproduction record(Prepared prepared, Reproduction.Outcome outcome, String actor) {
		Reproduction recorded = this.registry.recordReproduction(prepared.ref(), outcome, actor);
		Counter.builder("reproserve.reproductions")
			.description("Reproductions recorded on this replica, by model and verdict")
			.tag("model", prepared.model())
			.tag("verdict", outcome.verdict().json())
			.register(this.meters)
			.increment();
		Timer.builder("reproserve.reproduction.duration")
			.description("Time a reproduction took: reading its data, retraining, comparison and replay")
			.tag("verdict", outcome.verdict().json())
			.publishPercentileHistogram()
			.register(this.meters)
			.record(outcome.durationMillis(), TimeUnit.MILLISECONDS);
		log.info("Reproduced {} version {}: {} ({})", prepared.model(), prepared.version(), outcome.verdict(),
				outcome.reason());
		return recorded;
	}

	/** One recorded reproduction. */
	public Reproduction reproduction(String model, int version, long id) {
		return this.registry.reproduction(model, version, id);
	}

	/** A version's reproductions, newest first. */
	public ResultPage<Reproduction> reproductions(String model, int version, int page, int size) {
		return this.registry.reproductions(model, version, page, size);
	}

	/**
	 * Retrains from the recorded inputs and compares; the verdict of a reproduction that
	 * was decided without retraining is given as it is.
	 */
	Reproduction.Outcome outcome(Prepared prepared, TrainingProgress progress) {
		RecordedInputs.Inputs inputs = prepared.inputs();
		if (inputs.refusal() != null) {
			return inputs.refusal();
		}
		long started = System.nanoTime() - prepared.inputsNanos();
		BundleManifest recorded = prepared.recorded();
		ObjectNode differences = inputs.differences();
		TrainedModel rebuilt;
		try {
			rebuilt = this.training.train(recorded.modelName(), inputs.spec(),
					new TrainingData(inputs.data(), recorded.trainingData().source()), progress);
		}
		catch (DomainException | InvalidBundleException ex) {
			String why = (ex instanceof DomainException refusal) ? refusal.detail() : ex.getMessage();
			return done(ReproductionVerdict.DIFFERENT,
					"the recorded spec no longer trains on the recorded data: " + why, null, differences, started);
		}
		progress.stage("comparing with the registered version", 0.9);
		return compare(recorded, prepared.ref(), rebuilt, differences, started);
	}

	private Reproduction.Outcome compare(BundleManifest recorded, VersionRef ref, TrainedModel rebuilt,
			ObjectNode differences, long started) {
		BundleManifest now = rebuilt.manifest();
		String fingerprint = now.modelFingerprint();
		this.diffs.maps(recorded.training().hyperparameters(), now.training().hyperparameters(), "hyperparameters",
				differences);
		this.diffs.dependencies(recorded.dependencies(), DependencyList.current(), differences);
		this.diffs.pipeline(recorded, now, differences);
		this.diffs.profile(recorded, now, differences);
		if (differences.has("dataFingerprint")) {
			// The record itself no longer holds: whatever the rebuilt model looks like,
			// the recorded data (and the metrics measured on it) are not what is stored.
			if (fingerprint.equals(recorded.modelFingerprint())) {
				return done(ReproductionVerdict.DIFFERENT,
						"the stored snapshot no longer hashes to the recorded data fingerprint, although the model"
								+ " rebuilt from it has the recorded canonical fingerprint",
						fingerprint, differences, started);
			}
		}
		else if (fingerprint.equals(recorded.modelFingerprint())) {
			return done(ReproductionVerdict.IDENTICAL,
					"the rebuilt model has the recorded canonical fingerprint " + fingerprint, fingerprint, differences,
					started);
		}
		differences.set("modelFingerprint",
				this.diffs.pair("recorded", recorded.modelFingerprint(), "reproduced", fingerprint));
		LoadedBundle reproduced = BundleCodec.open(rebuilt.bundle(), null);
		OutputComparison outputs = new OutputComparison(MAX_EXAMPLES);
		List<GoldenExample> golden = recorded.goldenExamples();
		List<ModelOutput> goldenNow = reproduced.predict(golden.stream().map(GoldenExample::input).toList());
		for (int i = 0; i < golden.size(); i++) {
			outputs.compare("golden", i, golden.get(i).input(), golden.get(i).expected(), goldenNow.get(i));
		}
		String testNote = "";
		try {
			LoadedBundle original = BundleCodec.open(this.registry.bundle(ref), ref.bundleSha256());
			List<Map<String, Object>> test = rebuilt.testInputs();
			List<ModelOutput> before = original.predict(test);
			List<ModelOutput> after = reproduced.predict(test);
			for (int i = 0; i < test.size(); i++) {
				outputs.compare("test", i, test.get(i), before.get(i), after.get(i));
			}
		}
		catch (InvalidBundleException | IllegalArgumentException ex) {
			// The registered model cannot run here, or the rebuilt test rows do not fit
			// its schema (the data changed): the golden examples are the comparison.
			testNote = "; test-split rows not compared (" + ((ex instanceof InvalidBundleException invalid)
					? "the registered bundle does not load here: " + invalid.reason()
					: "the rebuilt test rows do not fit the registered model's schema") + ")";
		}
		differences.set("outputs", outputs.toJson(this.json));
		if (outputs.differing() == 0 && !differences.has("dataFingerprint")) {
			return done(ReproductionVerdict.EQUIVALENT_OUTPUTS,
					"the canonical fingerprint differs but all " + outputs.compared()
							+ " compared outputs (golden examples and test-split rows) are equal to the bit" + testNote,
					fingerprint, differences, started);
		}
		return done(ReproductionVerdict.DIFFERENT,
				outputs.differing() + " of " + outputs.compared() + " compared outputs differ" + testNote, fingerprint,
				differences, started);
	}

	static Reproduction.Outcome done(ReproductionVerdict verdict, String reason, String fingerprint,
			ObjectNode differences, long started) {
		return new Reproduction.Outcome(verdict, reason, fingerprint, differences,
				(System.nanoTime() - started) / 1_000_000);
	}

}
