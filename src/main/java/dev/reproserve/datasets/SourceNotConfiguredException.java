package dev.reproserve.datasets;

import java.util.Map;
import java.util.Set;

import dev.reproserve.shared.DomainException;

/**
 * A snapshot to be taken again from a source this service no longer configures: the
 * recorded query cannot run here.
 */
public class SourceNotConfiguredException extends DomainException {

	public SourceNotConfiguredException(DatasetSnapshot snapshot, Set<String> configured) {
		super(Kind.CONFLICT, "source-not-configured", "Source not configured",
				"Dataset " + snapshot.id() + " is a reference to the result of a query on source '" + snapshot.source()
						+ "', which this service does not configure (configured: "
						+ (configured.isEmpty() ? "none" : String.join(", ", configured)) + "), so the query cannot "
						+ "be run again here. Configure reproserve.sources." + snapshot.source()
						+ ".url and its login again, or send the data with the request: it is checked against the "
						+ "fingerprint.",
				Map.of("datasetId", snapshot.id(), "source", snapshot.source(), "configuredSources", configured));
	}

}
