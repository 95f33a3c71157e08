package dev.reproserve.datasets;

import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/** Data supplied for a snapshot whose canonical SHA-256 is not the snapshot's id. */
public class DatasetMismatchException extends DomainException {

	private DatasetMismatchException(DatasetSnapshot snapshot, String actualSha256, String detail) {
		super(Kind.INVALID, "dataset-mismatch", "Supplied data does not match the dataset", detail,
				Map.of("datasetId", snapshot.id(), "expectedSha256", snapshot.id(), "actualSha256", actualSha256));
	}

	/** Data sent with a request that is not the snapshot's. */
	public static DatasetMismatchException forData(DatasetSnapshot snapshot, String actualSha256) {
		return new DatasetMismatchException(snapshot, actualSha256,
				"The supplied data is not dataset " + snapshot.id() + ": its canonical SHA-256 is " + actualSha256
						+ ". Line endings, a byte-order mark and unnecessary quotes do not matter; row order, "
						+ "the rows themselves and every cell do. Supply exactly the data the snapshot was taken from"
						+ ((snapshot.kind() == DatasetSnapshot.Kind.REFERENCE)
								? " (" + snapshot.source() + ", as of " + snapshot.asOf() + ")" : "")
						+ ".");
	}

	/**
	 * A reference snapshot's recorded query, run again on its source as of its recorded
	 * time, gave other data: the source changed since the snapshot.
	 */
	public static DatasetMismatchException forChangedSource(DatasetSnapshot snapshot, String actualSha256) {
		return new DatasetMismatchException(snapshot, actualSha256, "The source changed since the snapshot: the "
				+ "recorded query of dataset " + snapshot.id() + ", run again on source '" + snapshot.source()
				+ "' as of " + snapshot.asOf() + ", gives data whose canonical SHA-256 is " + actualSha256
				+ ", not the recorded " + snapshot.id() + ". Rows as of that time were changed, added or removed in "
				+ "the source (or its values now read differently). Nothing was trained or recorded; restore the source's rows, or "
				+ "supply the snapshot's data with the request.");
	}

}
