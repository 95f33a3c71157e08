package dev.reproserve.datasets;

import java.util.List;
import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/**
 * Data that cannot become a dataset snapshot, or a reference snapshot's description that
 * is incomplete; lists every problem found, with line numbers for CSV.
 */
public class InvalidDatasetException extends DomainException {

	public InvalidDatasetException(List<String> problems) {
		super(Kind.INVALID, "invalid-dataset", "Invalid dataset",
				problems.size() + " problem(s) with the dataset: " + String.join("; ", problems) + ".", Map.of(),
				problems);
	}

}
