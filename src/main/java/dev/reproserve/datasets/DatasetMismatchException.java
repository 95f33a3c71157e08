package dev.reproserve.datasets;

import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/** Data supplied for a snapshot whose canonical SHA-256 is not the snapshot's id. */
public class DatasetMismatchException extends DomainException {

	private DatasetMismatchException(DatasetSnapshot snapshot, String actualSha256) {
		super(Kind.INVALID, "dataset-mismatch", "Supplied data does not match the dataset",
				"The supplied data is not dataset " + snapshot.id() + ": its canonical SHA-256 is " + actualSha256
						+ ". Line endings, a byte-order mark and unnecessary quotes do not matter; row order, "
						+ "the rows themselves and every cell do. Supply exactly the data the snapshot was taken from"
						+ ((snapshot.kind() == DatasetSnapshot.Kind.REFERENCE)
								? " (" + snapshot.source() + ", as of " + snapshot.asOf() + ")" : "")
						+ ".",
				Map.of("datasetId", snapshot.id(), "expectedSha256", snapshot.id(), "actualSha256", actualSha256));
	}

	public static DatasetMismatchException forData(DatasetSnapshot snapshot, String actualSha256) {
		return new DatasetMismatchException(snapshot, actualSha256);
	}

}
