package dev.reproserve.reproduce;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
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
import dev.reproserve.training.TrainingProperties;
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

	/**
	 * Reproductions re-train on the request thread; at most as many at once as this
	 * replica runs training jobs, the rest wait their turn.
	 */
	private final Semaphore retrainings;

	Reproductions(ModelRegistry registry, DatasetSnapshots datasets, QuerySnapshots queries, TrainingService training,
			JsonMapper json, TrainingProperties properties, MeterRegistry meters) {
		this.meters = meters;
		this.retrainings = new Semaphore(properties.workers(), true);
		this.registry = registry;
		this.datasets = datasets;
		this.queries = queries;
		this.training = training;
		this.json = json;
		this.diffs = new RecordDifferences(json);
	}

	/**
	 * Rebuilds a version and records the verdict.
	 * @param suppliedCsv the training data, needed only when the version was trained from
	 * a reference snapshot; null otherwise
	 * @param actor who asks
	 * @throws dev.reproserve.datasets.DatasetMismatchException when supplied data is not
	 * the recorded snapshot's, or a query snapshot's query gives other data now (nothing
	 * is recorded: the request or the source was wrong, not the version)
	 */
	public Reproduction reproduce(String model, int version, byte @Nullable [] suppliedCsv, String actor) {
		long started = System.nanoTime();
		VersionDetails details = this.registry.version(model, version);
		VersionRef ref = this.registry.versionRef(model, version);
		Reproduction.Outcome outcome = outcome(details.manifest(), ref, suppliedCsv, started);
		Reproduction recorded = this.registry.recordReproduction(ref, outcome, actor);
		Counter.builder("reproserve.reproductions")
			.description("Reproductions done on this replica, by verdict")
			.tags("model", model, "verdict", outcome.verdict().json())
			.register(this.meters)
			.increment();
		Timer.builder("reproserve.reproduction.duration")
			.description("Time a reproduction took: retraining, comparison and replay")
			.tag("verdict", outcome.verdict().json())
			.publishPercentileHistogram()
			.register(this.meters)
			.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		log.info("Reproduced {} version {}: {} ({})", model, version, outcome.verdict(), outcome.reason());
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

	/** The inputs step, then the retraining, then the comparison step. */
	private Reproduction.Outcome outcome(BundleManifest recorded, VersionRef ref, byte @Nullable [] suppliedCsv,
			long started) {
		Inputs inputs = inputs(recorded, suppliedCsv, started);
		if (inputs.refusal() != null) {
			return inputs.refusal();
		}
		ObjectNode differences = inputs.differences();
		TrainedModel rebuilt;
		this.retrainings.acquireUninterruptibly();
		try {
			rebuilt = this.training.train(recorded.modelName(), inputs.spec(),
					new TrainingData(inputs.data(), recorded.trainingData().source()));
		}
		catch (DomainException | InvalidBundleException ex) {
			String why = (ex instanceof DomainException refusal) ? refusal.detail() : ex.getMessage();
			return done(ReproductionVerdict.DIFFERENT,
					"the recorded spec no longer trains on the recorded data: " + why, null, differences, started);
		}
		finally {
			this.retrainings.release();
		}

		return compare(recorded, ref, rebuilt, differences, started);
	}

	/**
	 * What to retrain from: the recorded spec and the recorded data, checked against the
	 * recorded fingerprint, with what already differs; or the outcome when there is
	 * nothing to retrain from.
	 */
	private record Inputs(@Nullable PipelineSpec spec, @Nullable CsvTable data, @Nullable ObjectNode differences,
			Reproduction.@Nullable Outcome refusal) {

		static Inputs of(PipelineSpec spec, CsvTable data, ObjectNode differences) {
			return new Inputs(spec, data, differences, null);
		}

		static Inputs refused(Reproduction.Outcome refusal) {
			return new Inputs(null, null, null, refusal);
		}

	}

	private Inputs inputs(BundleManifest recorded, byte @Nullable [] suppliedCsv, long started) {
		if (recorded.pipelineSpec() == null) {
			return Inputs.refused(
					notHere("the version was registered as a bundle without a pipeline spec in its manifest, so there"
							+ " is nothing to re-run; versions trained by Reproserve record theirs", started));
		}
		PipelineSpec spec;
		try {
			spec = this.json.treeToValue(recorded.pipelineSpec(), PipelineSpec.class);
		}
		catch (JacksonException ex) {
			return Inputs
				.refused(notHere("its recorded pipeline spec cannot be read by this service version", started));
		}
		String datasetId = recorded.trainingData().sha256();
		DatasetSnapshot snapshot;
		try {
			snapshot = this.datasets.snapshot(datasetId);
		}
		catch (DatasetNotFoundException ex) {
			return Inputs.refused(
					notHere("no dataset snapshot " + datasetId + " is registered here; upload the exact training data"
							+ " (POST /api/v1/datasets) and ask again", started));
		}
		ObjectNode differences = this.json.createObjectNode();
		CsvTable data;
		if (suppliedCsv != null) {
			data = this.datasets.verifySupplied(datasetId, suppliedCsv);
		}
		else if (snapshot.kind() == DatasetSnapshot.Kind.REFERENCE && snapshot.query() != null) {
			data = this.queries.rerun(snapshot);
		}
		else if (snapshot.kind() == DatasetSnapshot.Kind.REFERENCE) {
			return Inputs.refused(notHere("it was trained from reference snapshot " + datasetId + " ("
					+ snapshot.source() + ", as of " + snapshot.asOf()
					+ "), whose data Reproserve does not hold; send that data as the request body", started));
		}
		else {
			SnapshotData stored = this.datasets.data(datasetId);
			if (!stored.intact()) {
				differences.set("dataFingerprint", this.diffs.pair("recorded", datasetId, "actual",
						Objects.requireNonNullElse(stored.actualSha256(), "unreadable")));
			}
			if (stored.table() == null) {
				return Inputs.refused(done(ReproductionVerdict.DIFFERENT,
						"the stored snapshot's data was altered and is no longer readable CSV", null, differences,
						started));
			}
			data = stored.table();
		}
		return Inputs.of(spec, data, differences);
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

	private Reproduction.Outcome notHere(String reason, long started) {
		return done(ReproductionVerdict.NOT_REPRODUCIBLE_HERE, reason, null, this.json.createObjectNode(), started);
	}

	private static Reproduction.Outcome done(ReproductionVerdict verdict, String reason, String fingerprint,
			ObjectNode differences, long started) {
		return new Reproduction.Outcome(verdict, reason, fingerprint, differences,
				(System.nanoTime() - started) / 1_000_000);
	}

}
