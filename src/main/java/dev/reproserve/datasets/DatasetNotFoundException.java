package dev.reproserve.datasets;

import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/**
 * No snapshot has this id. Ids that cannot be one (not 64 lower-case hex digits) are
 * reported the same way: no such snapshot exists.
 */
public class DatasetNotFoundException extends DomainException {

	/** Echoed ids are cut to this length: an id is 64 characters. */
	private static final int ECHOED = 100;

	private DatasetNotFoundException(String id) {
		super(Kind.NOT_FOUND, "dataset-not-found", "Dataset not found",
				"No dataset snapshot has the id '" + id + "'. A dataset id is the SHA-256 of the canonical CSV, "
						+ "64 lower-case hex digits; GET /api/v1/datasets lists the snapshots.",
				Map.of("datasetId", id));
	}

	public static DatasetNotFoundException forId(String id) {
		String echoed = String.valueOf(id);
		return new DatasetNotFoundException((echoed.length() > ECHOED) ? echoed.substring(0, ECHOED) + "..." : echoed);
	}

}
