package dev.reproserve.registry;

import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/** The version has no reproduction with that id. */
public class ReproductionNotFoundException extends DomainException {

	private ReproductionNotFoundException(String model, int version, long id) {
		super(Kind.NOT_FOUND, "reproduction-not-found", "Reproduction not found",
				"Version " + version + " of model '" + model + "' has no reproduction " + id + ". GET /api/v1/models/"
						+ model + "/versions/" + version + "/reproductions lists them.",
				Map.of("model", model, "version", version, "reproduction", id));
	}

	public static ReproductionNotFoundException forId(String model, int version, long id) {
		return new ReproductionNotFoundException(model, version, id);
	}

}
