package dev.reproserve.datasets;

import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/**
 * The data of a reference snapshot was asked for: Reproserve keeps only its fingerprint.
 */
public class DatasetHasNoDataException extends DomainException {

	private DatasetHasNoDataException(DatasetSnapshot snapshot) {
		super(Kind.CONFLICT, "dataset-has-no-data", "Dataset has no data",
				"Dataset " + snapshot.id() + " is a reference snapshot of data that may not be copied ("
						+ snapshot.source() + ", as of " + snapshot.asOf()
						+ "): Reproserve keeps its fingerprint, not its content. Supply the data itself where it is "
						+ "needed; it is checked against the fingerprint.",
				Map.of("datasetId", snapshot.id(), "source", snapshot.source(), "asOf", snapshot.asOf().toString()));
	}

	public static DatasetHasNoDataException forSnapshot(DatasetSnapshot snapshot) {
		return new DatasetHasNoDataException(snapshot);
	}

}
