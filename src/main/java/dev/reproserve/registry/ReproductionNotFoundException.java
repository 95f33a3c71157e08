package dev.reproserve.registry;

import java.util.Map;

import dev.reproserve.web.ProblemException;

import org.springframework.http.HttpStatus;

/** The version has no reproduction with that id. */
public class ReproductionNotFoundException extends ProblemException {

	private ReproductionNotFoundException(String model, int version, long id) {
		super(HttpStatus.NOT_FOUND, "reproduction-not-found", "Reproduction not found",
				"Version " + version + " of model '" + model + "' has no reproduction " + id + ". GET /api/v1/models/"
						+ model + "/versions/" + version + "/reproductions lists them.",
				Map.of("model", model, "version", version, "reproduction", id));
	}

	public static ReproductionNotFoundException forId(String model, int version, long id) {
		return new ReproductionNotFoundException(model, version, id);
	}

}
