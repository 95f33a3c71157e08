package dev.reproserve.registry;

import java.util.Map;

import dev.reproserve.web.ProblemException;

import org.springframework.http.HttpStatus;

public class ModelNotFoundException extends ProblemException {

	private ModelNotFoundException(String model) {
		super(HttpStatus.NOT_FOUND, "model-not-found", "Model not found",
				"No model named '" + model + "' is registered. GET /api/v1/models lists the models.",
				Map.of("model", model));
	}

	public static ModelNotFoundException forName(String model) {
		return new ModelNotFoundException(model);
	}

}
