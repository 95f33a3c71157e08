package dev.reproserve.registry;

import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

public class ModelNotFoundException extends DomainException {

	private ModelNotFoundException(String model) {
		super(Kind.NOT_FOUND, "model-not-found", "Model not found",
				"No model named '" + model + "' is registered. GET /api/v1/models lists the models.",
				Map.of("model", model));
	}

	public static ModelNotFoundException forName(String model) {
		return new ModelNotFoundException(model);
	}

}
