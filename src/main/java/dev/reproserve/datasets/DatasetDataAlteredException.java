package dev.reproserve.datasets;

import java.util.Map;
import java.util.TreeMap;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/**
 * A stored snapshot whose stored content no longer hashes to its id: the database was
 * changed behind Reproserve's back, so the content is not handed out as that dataset.
 */
public class DatasetDataAlteredException extends DomainException {

	private DatasetDataAlteredException(String id, String actualSha256) {
		super(Kind.CONFLICT, "dataset-data-altered", "Dataset data altered",
				"The content stored for dataset " + id + " has been altered in the database: "
						+ ((actualSha256 != null) ? "its canonical SHA-256 is now " + actualSha256
								: "it can no longer be read")
						+ ". Snapshots never change, so this is a storage fault: restore the row from a backup of the "
						+ "database.",
				properties(id, actualSha256));
	}

	public static DatasetDataAlteredException forData(SnapshotData data) {
		return new DatasetDataAlteredException(data.snapshot().id(), data.actualSha256());
	}

	private static Map<String, String> properties(String id, String actualSha256) {
		Map<String, String> properties = new TreeMap<>();
		properties.put("datasetId", id);
		if (actualSha256 != null) {
			properties.put("actualSha256", actualSha256);
		}
		return properties;
	}

}
