package dev.reproserve.training;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.reproserve.datasets.DatasetDataAlteredException;
import dev.reproserve.datasets.DatasetHasNoDataException;
import dev.reproserve.datasets.DatasetSnapshot;
import dev.reproserve.datasets.DatasetSnapshots;
import dev.reproserve.datasets.QuerySnapshots;
import dev.reproserve.datasets.SnapshotData;

import org.springframework.stereotype.Component;

/**
 * The data a training reads from a dataset snapshot: the data supplied with the request
 * (checked against the snapshot's fingerprint), a reference's query run again, or the
 * stored rows, checked intact. Read when a training is submitted, and again when a
 * replica claims a queued one.
 */
@Component
class SnapshotTrainingData {

	private final DatasetSnapshots datasets;

	private final QuerySnapshots queries;

	SnapshotTrainingData(DatasetSnapshots datasets, QuerySnapshots queries) {
		this.datasets = datasets;
		this.queries = queries;
	}

	/**
	 * @param suppliedCsv the data of a reference snapshot sent with the request, or null
	 * @throws InvalidTrainingRequestException without a snapshot id
	 * @throws dev.reproserve.datasets.DatasetNotFoundException for an unknown snapshot
	 * @throws dev.reproserve.datasets.DatasetMismatchException for supplied data that is
	 * not the snapshot's, or a query that gives other data now
	 * @throws DatasetHasNoDataException for a declared reference without supplied data
	 * @throws DatasetDataAlteredException for stored data that no longer has its id
	 * @throws dev.reproserve.datasets.SourceUnavailableException when a reference's
	 * source cannot be reached
	 */
	TrainingData of(@Nullable String datasetId, byte @Nullable [] suppliedCsv) {
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

	/** How a version's manifest names the snapshot it was trained on. */
	private static String source(DatasetSnapshot snapshot) {
		return "dataset:" + snapshot.id() + " (" + ((snapshot.name() != null) ? snapshot.name() : snapshot.source())
				+ ")";
	}

}
