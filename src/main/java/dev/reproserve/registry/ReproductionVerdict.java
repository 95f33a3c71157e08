package dev.reproserve.registry;

import dev.reproserve.bundle.JsonEnum;

/** What rebuilding a version from its recorded inputs showed. */
public enum ReproductionVerdict implements JsonEnum {

	/** The rebuilt model has the same canonical fingerprint. */
	IDENTICAL,
	/**
	 * The fingerprint differs, but every golden example and every test-split row gets the
	 * same output to the bit.
	 */
	EQUIVALENT_OUTPUTS,
	/** The rebuilt model answers differently; the differences say where and why. */
	DIFFERENT,
	/**
	 * This service cannot rebuild the version (no snapshot, no spec, no data); see the
	 * reason.
	 */
	NOT_REPRODUCIBLE_HERE;

	public static ReproductionVerdict of(String json) {
		return JsonEnum.of(ReproductionVerdict.class, json);
	}

	@Override
	public String toString() {
		return json();
	}

}
