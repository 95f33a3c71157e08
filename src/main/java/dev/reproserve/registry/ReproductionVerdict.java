package dev.reproserve.registry;

import com.fasterxml.jackson.annotation.JsonValue;

/** What rebuilding a version from its recorded inputs showed. */
public enum ReproductionVerdict {

	/** The rebuilt model has the same canonical fingerprint. */
	IDENTICAL("identical"),
	/**
	 * The fingerprint differs, but every golden example and every test-split row gets the
	 * same output to the bit.
	 */
	EQUIVALENT_OUTPUTS("equivalent-outputs"),
	/** The rebuilt model answers differently; the differences say where and why. */
	DIFFERENT("different"),
	/**
	 * This service cannot rebuild the version (no snapshot, no spec, no data); see the
	 * reason.
	 */
	NOT_REPRODUCIBLE_HERE("not-reproducible-here");

	private final String json;

	ReproductionVerdict(String json) {
		this.json = json;
	}

	@JsonValue
	public String json() {
		return this.json;
	}

	public static ReproductionVerdict of(String json) {
		for (ReproductionVerdict verdict : values()) {
			if (verdict.json.equals(json)) {
				return verdict;
			}
		}
		throw new IllegalArgumentException("Unknown verdict " + json);
	}

	@Override
	public String toString() {
		return this.json;
	}

}
