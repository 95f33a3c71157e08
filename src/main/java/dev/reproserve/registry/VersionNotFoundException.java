package dev.reproserve.registry;

import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

public class VersionNotFoundException extends DomainException {

	private VersionNotFoundException(String model, int version) {
		super(Kind.NOT_FOUND, "version-not-found", "Version not found", "Model '" + model + "' has no version "
				+ version + ". GET /api/v1/models/" + model + "/versions lists its versions.",
				Map.of("model", model, "version", version));
	}

	public static VersionNotFoundException forVersion(String model, int version) {
		return new VersionNotFoundException(model, version);
	}

}
