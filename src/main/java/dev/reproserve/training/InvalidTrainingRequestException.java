package dev.reproserve.training;

import java.util.List;
import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/** A pipeline spec or training data that cannot be trained on; lists every problem. */
public class InvalidTrainingRequestException extends DomainException {

	public InvalidTrainingRequestException(List<String> problems) {
		super(Kind.INVALID, "invalid-training-request", "Invalid training request",
				problems.size() + " problem(s) with the pipeline spec or data: " + String.join("; ", problems),
				Map.of(), problems);
	}

}
