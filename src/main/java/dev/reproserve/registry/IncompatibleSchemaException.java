package dev.reproserve.registry;

import java.util.Map;

import dev.reproserve.bundle.SchemaCompatibility;
import dev.reproserve.shared.DomainException;

/**
 * An alias move refused because the version it would point at refuses requests that the
 * current one accepts. Every breaking difference is listed; the move goes through with
 * {@code "allowIncompatible": true}.
 */
public class IncompatibleSchemaException extends DomainException {

	IncompatibleSchemaException(String model, String alias, int from, int to, SchemaCompatibility report) {
		super(Kind.CONFLICT, "incompatible-schema", "Incompatible schema",
				"Version " + to + " of '" + model + "' would refuse requests that version " + from + ", which '" + alias
						+ "' points at now, accepts: " + String.join("; ", report.problems())
						+ ". Clients must change first; to move the alias anyway, send \"allowIncompatible\": true"
						+ " (the alias history records it).",
				Map.of("model", model, "alias", alias, "fromVersion", from, "toVersion", to, "differences",
						report.differences()),
				report.problems());
	}

}
