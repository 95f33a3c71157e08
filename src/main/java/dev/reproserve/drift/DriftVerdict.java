package dev.reproserve.drift;

import dev.reproserve.bundle.JsonEnum;

/**
 * How far live traffic has moved from the training population, per feature and overall,
 * in rising order of alarm for the four that measure something.
 */
public enum DriftVerdict implements JsonEnum {

	/** Too few live values for a verdict ({@code reproserve.drift.min-count}). */
	INSUFFICIENT_DATA,

	/** No profile to compare with: the report says why. */
	NOT_AVAILABLE,

	/** PSI under the moderate band. */
	STABLE,

	/** PSI in the moderate band (or, for a categorical, L-infinity). */
	MODERATE,

	/** PSI at or over the major band (or, for a categorical, L-infinity). */
	MAJOR,

	/**
	 * A feature arrives missing (and so imputed) in a share of live instances that
	 * exceeds its share of training rows by more than
	 * {@code reproserve.drift.missing-live-share}: for a feature every training row had,
	 * more than that share of live instances lack it.
	 */
	MISSING_LIVE;

	/** Whether this verdict measured something (not lack of data or profile). */
	public boolean measured() {
		return ordinal() >= STABLE.ordinal();
	}

	/** Whether it is an alarm worth a log line. */
	public boolean alarming() {
		return this == MAJOR || this == MISSING_LIVE;
	}

}
