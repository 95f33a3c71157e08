package dev.reproserve.training;

import java.util.List;
import java.util.Map;

import dev.reproserve.web.ProblemException;

import org.springframework.http.HttpStatus;

/** A pipeline spec or training data that cannot be trained on; lists every problem. */
public class InvalidTrainingRequestException extends ProblemException {

	public InvalidTrainingRequestException(List<String> problems) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-training-request", "Invalid training request",
				problems.size() + " problem(s) with the pipeline spec or data: " + String.join("; ", problems),
				Map.of("problems", List.copyOf(problems)));
	}

}
