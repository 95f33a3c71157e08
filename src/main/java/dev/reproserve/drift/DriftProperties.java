package dev.reproserve.drift;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Drift settings.
 *
 * @param window how often each replica appends its live counts to the database (and at
 * shutdown); also how often the drift gauges are refreshed
 * @param period the span a drift report covers when the request names no {@code from}
 * @param psiModerate the population stability index from which a feature is
 * {@code moderate}
 * @param psiMajor the population stability index from which a feature is {@code major}
 * @param lInfinityModerate for a categorical feature, the L-infinity distance from which
 * it is {@code moderate} (whichever of PSI and L-infinity says more)
 * @param lInfinityMajor the same for {@code major}
 * @param minCount the fewest live values a feature needs for a verdict; below it,
 * {@code insufficient-data}
 * @param missingLiveShare how much more often than in training a feature may arrive
 * missing live (and be imputed) before it is {@code missing-live}: a feature every
 * training row had is flagged once more than this share of live instances lack it
 * @param retention how long drift windows are kept: a window that ended longer ago is
 * deleted (at least a day and longer than {@code period}; the database refuses to delete
 * a window that ended within the last day)
 * @param retentionInterval how often each replica deletes expired windows, one replica at
 * a time
 */
@Validated
@ConfigurationProperties("reproserve.drift")
public record DriftProperties(@DefaultValue("1m") Duration window, @DefaultValue("24h") Duration period,
		@DefaultValue("0.1") @DecimalMin("0") double psiModerate,
		@DefaultValue("0.25") @DecimalMin("0") double psiMajor,
		@DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1") double lInfinityModerate,
		@DefaultValue("0.2") @DecimalMin("0") @DecimalMax("1") double lInfinityMajor,
		@DefaultValue("100") @Min(1) long minCount,
		@DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1") double missingLiveShare,
		@DefaultValue("366d") Duration retention, @DefaultValue("1h") Duration retentionInterval) {

	/** The least retention the database lets expire. */
	static final Duration MIN_RETENTION = Duration.ofDays(1);

	public DriftProperties {
		if (retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(period) <= 0) {
			throw new IllegalArgumentException("reproserve.drift.retention (" + retention
					+ ") must be at least a day and longer than reproserve.drift.period (" + period
					+ "): windows inside the period are what reports and gauges add up");
		}
		if (retentionInterval.isNegative() || retentionInterval.isZero()) {
			throw new IllegalArgumentException(
					"reproserve.drift.retention-interval (" + retentionInterval + ") must be positive");
		}
	}

	/** The verdict of a population stability index. */
	DriftVerdict ofPsi(double psi) {
		return (psi >= this.psiMajor) ? DriftVerdict.MAJOR
				: (psi >= this.psiModerate) ? DriftVerdict.MODERATE : DriftVerdict.STABLE;
	}

	/** The verdict of an L-infinity distance. */
	DriftVerdict ofLInfinity(double distance) {
		return (distance >= this.lInfinityMajor) ? DriftVerdict.MAJOR
				: (distance >= this.lInfinityModerate) ? DriftVerdict.MODERATE : DriftVerdict.STABLE;
	}

}
