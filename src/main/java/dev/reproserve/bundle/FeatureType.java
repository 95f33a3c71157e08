package dev.reproserve.bundle;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a feature's value is written in a request and fed to the model. */
public enum FeatureType {

	/** A finite JSON number, fed to the model as is. */
	NUMERIC("numeric"),
	/**
	 * A JSON string from a fixed list, fed to the model one-hot as {@code name@category}.
	 */
	CATEGORICAL("categorical");

	private final String json;

	FeatureType(String json) {
		this.json = json;
	}

	@JsonValue
	public String json() {
		return this.json;
	}

	@Override
	public String toString() {
		return this.json;
	}

}
