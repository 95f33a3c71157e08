package dev.reproserve.oip;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.reproserve.serving.SchemaViolation;
import dev.reproserve.shared.DomainException;

/**
 * An inference request that does not fit the model: tensors that are not its features, of
 * a datatype or shape they cannot have, or values its schema refuses. Every violation is
 * listed, in the detail (the protocol's error message is all many clients show) and as
 * {@code violations}. The model is not called.
 */
public class InvalidInferenceRequestException extends DomainException {

	private InvalidInferenceRequestException(String model, int version, List<SchemaViolation> violations) {
		super(Kind.INVALID, "invalid-inference-request", "Inference request does not fit the model",
				detail(model, version, violations),
				Map.of("model", model, "version", version, "violations", List.copyOf(violations)));
	}

	public static InvalidInferenceRequestException forViolations(String model, int version,
			List<SchemaViolation> violations) {
		return new InvalidInferenceRequestException(model, version, violations);
	}

	private static String detail(String model, int version, List<SchemaViolation> violations) {
		return violations.size() + " violation(s) of the inputs of " + model + " version " + version + ": "
				+ violations.stream().map(InvalidInferenceRequestException::describe).collect(Collectors.joining("; "))
				+ ". GET /v2/models/" + model + "/versions/" + version + " describes its inputs and outputs.";
	}

	/** One violation as a phrase: where, what, what was expected and what was sent. */
	static String describe(SchemaViolation violation) {
		StringBuilder text = new StringBuilder();
		text.append((violation.feature() != null) ? "'" + violation.feature() + "'" : "the request");
		if (violation.instance() != null) {
			text.append(" at instance ").append(violation.instance());
		}
		text.append(": ").append(violation.problem()).append(" (expected ").append(violation.expected());
		if (violation.actual() != null) {
			text.append(", got ").append(violation.actual());
		}
		return text.append(')').toString();
	}

}
