package dev.reproserve.bundle;

/** How a feature's value is written in a request and fed to the model. */
public enum FeatureType implements JsonEnum {

	/** A finite JSON number, fed to the model as is. */
	NUMERIC,
	/**
	 * A JSON string from a fixed list, fed to the model one-hot as {@code name@category}.
	 */
	CATEGORICAL;

	@Override
	public String toString() {
		return json();
	}

}
