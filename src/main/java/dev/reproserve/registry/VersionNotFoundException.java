package dev.reproserve.registry;

import java.util.Map;

import dev.reproserve.web.ProblemException;

import org.springframework.http.HttpStatus;

public class VersionNotFoundException extends ProblemException {

	private VersionNotFoundException(String model, int version) {
		super(HttpStatus.NOT_FOUND, "version-not-found", "Version not found", "Model '" + model + "' has no version "
				+ version + ". GET /api/v1/models/" + model + "/versions lists its versions.",
				Map.of("model", model, "version", version));
	}

	public static VersionNotFoundException forVersion(String model, int version) {
		return new VersionNotFoundException(model, version);
	}

}
