package dev.reproserve.reproduce;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.reproserve.bundle.BundleManifest;
import dev.reproserve.datasets.CsvTable;
import dev.reproserve.datasets.DatasetNotFoundException;
import dev.reproserve.datasets.DatasetSnapshot;
import dev.reproserve.datasets.DatasetSnapshots;
import dev.reproserve.datasets.QuerySnapshots;
import dev.reproserve.datasets.SnapshotData;
import dev.reproserve.registry.Reproduction;
import dev.reproserve.registry.ReproductionVerdict;
import dev.reproserve.training.PipelineSpec;

/**
 * What a version was trained from, read again from its manifest: the recorded pipeline
 * spec and the recorded snapshot's data (supplied with the request, a reference's query
 * run again, or the stored rows, whose altered fingerprint is a difference), or the
 * verdict when there is nothing to rebuild from.
 */
class RecordedInputs {

	private final DatasetSnapshots datasets;

	private final QuerySnapshots queries;

	private final JsonMapper json;

	private final RecordDifferences diffs;

	RecordedInputs(DatasetSnapshots datasets, QuerySnapshots queries, JsonMapper json, RecordDifferences diffs) {
		this.datasets = datasets;
		this.queries = queries;
		this.json = json;
		this.diffs = diffs;
	}

	/**
	 * What to retrain from: the recorded spec and the recorded data, checked against the
	 * recorded fingerprint, with what already differs; or the outcome when there is
	 * nothing to retrain from.
	 */
	record Inputs(@Nullable PipelineSpec spec, @Nullable CsvTable data, @Nullable ObjectNode differences,
			Reproduction.@Nullable Outcome refusal) {

		static Inputs of(PipelineSpec spec, CsvTable data, ObjectNode differences) {
			return new Inputs(spec, data, differences, null);
		}

		static Inputs refused(Reproduction.Outcome refusal) {
			return new Inputs(null, null, null, refusal);
		}

	}

	Inputs read(BundleManifest recorded, byte @Nullable [] suppliedCsv, long started) {
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
				return Inputs.refused(Reproductions.done(ReproductionVerdict.DIFFERENT,
						"the stored snapshot's data was altered and is no longer readable CSV", null, differences,
						started));
			}
			data = stored.table();
		}
		return Inputs.of(spec, data, differences);
	}

	private Reproduction.Outcome notHere(String reason, long started) {
		return Reproductions.done(ReproductionVerdict.NOT_REPRODUCIBLE_HERE, reason, null, this.json.createObjectNode(),
				started);
	}

}
