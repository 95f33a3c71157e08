package dev.reproserve.datasets;

import java.util.Map;

import dev.reproserve.web.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The data of a reference snapshot was asked for: Reproserve keeps only its fingerprint.
 */
public class DatasetHasNoDataException extends ProblemException {

	private DatasetHasNoDataException(DatasetSnapshot snapshot) {
		super(HttpStatus.CONFLICT, "dataset-has-no-data", "Dataset has no data",
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
