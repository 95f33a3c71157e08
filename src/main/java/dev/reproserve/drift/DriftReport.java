package dev.reproserve.drift;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * How the live traffic of a version (over {@code from} to {@code to}, every replica's
 * stored windows plus this replica's window in progress) compares with the population it
 * was trained on, per feature and for the output.
 *
 * @param model the model
 * @param version the version whose training profile is compared
 * @param bundleSha256 its bundle
 * @param alias the alias asked for, when the report was asked through one
 * @param against the version whose live traffic is compared, when it is not this one
 * ({@code ?against=alias:production})
 * @param from the start of the period
 * @param to its end
 * @param verdict the worst feature's verdict; {@code insufficient-data} when fewer
 * instances than the minimum arrived, {@code not-available} without a profile
 * @param reason why the verdict is {@code not-available}
 * @param profile what the training side is and how many rows it has
 * @param live the traffic counted
 * @param thresholds the bands the verdicts were given by
 * @param features one entry per feature of the schema
 * @param output the model's predictions: training split against live
 */
public record DriftReport(String model, int version, String bundleSha256,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String alias,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Against against, Instant from, Instant to,
		DriftVerdict verdict, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String reason,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Profile profile, Live live, Thresholds thresholds,
		List<FeatureDrift> features, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable FeatureDrift output) {

	/**
	 * The live traffic a candidate's training population is compared with.
	 *
	 * @param alias the alias whose traffic it is
	 * @param version the version the alias points at, whose counts (and bins) are used
	 * @param bundleSha256 that version's bundle
	 */
	public record Against(String alias, int version, String bundleSha256) {
	}

	/**
	 * The training side.
	 *
	 * @param source {@code bundle} (recorded at training), {@code computed} (once, from
	 * the stored snapshot and recorded split) or {@code training-split-in-live-bins} (the
	 * candidate's training split counted in the bins of the version whose traffic it is
	 * compared with)
	 * @param rows rows of the training split
	 */
	public record Profile(String source, long rows) {
	}

	/**
	 * The traffic counted.
	 *
	 * @param requests predict requests answered
	 * @param instances instances predicted
	 * @param windows stored windows in the period (every replica's)
	 * @param replicas the replicas they came from
	 * @param currentWindow whether this replica's window in progress is included
	 */
	public record Live(long requests, long instances, int windows, List<String> replicas, boolean currentWindow) {
	}

	/** The settings the verdicts were given by ({@code reproserve.drift.*}). */
	public record Thresholds(double psiModerate, double psiMajor, double lInfinityModerate, double lInfinityMajor,
			long minCount, double missingLiveShare) {

		static Thresholds of(DriftProperties properties) {
			return new Thresholds(properties.psiModerate(), properties.psiMajor(), properties.lInfinityModerate(),
					properties.lInfinityMajor(), properties.minCount(), properties.missingLiveShare());
		}

	}

	/**
	 * One feature (or the output), training against live.
	 *
	 * @param name the feature, or the output's name
	 * @param type {@code numeric} or {@code categorical}; for the output,
	 * {@code classification} or {@code regression}
	 * @param verdict by the bands, or {@code missing-live}, {@code insufficient-data}
	 * @param reason why, where the verdict is not a measure's
	 * @param liveCount live values present (not missing)
	 * @param psi population stability index over the bins and the out-of-range and unseen
	 * counts, each count smoothed by 0.5; null without live values
	 * @param jensenShannon Jensen-Shannon distance (base 2, 0 to 1) over the same counts
	 * @param lInfinity for categoricals and a classifier's output, the largest difference
	 * between the two shares of one category
	 * @param missing the share of instances without the feature, in training and live
	 * @param unseenRate for categoricals, the share of live values the training split did
	 * not have
	 * @param outOfRangeRate for numerics, the share of live values outside the training
	 * range
	 * @param bins the counts side by side, bin by bin
	 */
	public record FeatureDrift(String name, String type, DriftVerdict verdict,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String reason, long liveCount, @Nullable Double psi,
			@Nullable Double jensenShannon, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double lInfinity,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Rates missing,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double unseenRate,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double outOfRangeRate, List<Bin> bins) {
	}

	/** A share in training and live; live is null without live instances. */
	public record Rates(double training, @Nullable Double live) {
	}

	/**
	 * One bin's counts.
	 *
	 * @param bin {@code [a, b)} for a numeric range (the last one closed), {@code < a}
	 * and {@code > b} for out of range, the category or label, {@code (unseen)}
	 */
	public record Bin(String bin, long training, long live) {
	}

}
