package dev.reproserve.serving;

import java.util.List;
import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/** A predict request that does not match the training schema; lists every violation. */
public class SchemaViolationException extends DomainException {

	private final List<SchemaViolation> violations;

	public SchemaViolationException(String model, int version, List<SchemaViolation> violations) {
		super(Kind.INVALID, "schema-violation", "Request does not match the model's input schema",
				violations.size() + " violation(s) of the input schema of " + model + " version " + version
						+ "; GET /api/v1/models/" + model + "/versions/" + version + "/schema shows what to send.",
				Map.of("model", model, "version", version, "violations", List.copyOf(violations)));
		this.violations = List.copyOf(violations);
	}

	public List<SchemaViolation> violations() {
		return this.violations;
	}

}
