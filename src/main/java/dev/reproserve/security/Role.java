package dev.reproserve.security;

import dev.reproserve.bundle.JsonEnum;

/**
 * What a key may do. {@code admin} may do everything the others may.
 */
public enum Role implements JsonEnum {

	/** Predict, and read a version's input schema. */
	PREDICT,

	/** Every GET: models, versions, manifests, history, datasets, jobs, reproductions. */
	READ,

	/** Everything: register, datasets, trainings, aliases, reproductions, keys. */
	ADMIN;

	/** The authority Spring Security checks for this role. */
	public String authority() {
		return "ROLE_" + name();
	}

}
