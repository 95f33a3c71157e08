package dev.reproserve.datasets;

import java.util.List;
import java.util.Map;

import dev.reproserve.web.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * Data that cannot become a dataset snapshot, or a reference snapshot's description that
 * is incomplete; lists every problem found, with line numbers for CSV.
 */
public class InvalidDatasetException extends ProblemException {

	public InvalidDatasetException(List<String> problems) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-dataset", "Invalid dataset",
				problems.size() + " problem(s) with the dataset: " + String.join("; ", problems) + ".",
				Map.of("problems", List.copyOf(problems)));
	}

	/** The problems, each a sentence without a final full stop. */
	@SuppressWarnings("unchecked")
	public List<String> problems() {
		return (List<String>) getBody().getProperties().get("problems");
	}

}
