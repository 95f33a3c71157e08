package dev.reproserve.bundle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * What live traffic to one version looked like over some time, in the bins of its
 * training profile: no raw value, only counts. Windows of several replicas add up with
 * {@link #plus}.
 *
 * @param requests predict requests answered
 * @param instances instances predicted
 * @param features per feature, in schema order
 * @param output the model's predictions, in the bins of the profile's output
 */
public record LiveCounts(long requests, long instances, Map<String, BinCounts> features, BinCounts output) {

	public LiveCounts {
		features = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
	}

	/** No traffic, in the bins of this profile. */
	public static LiveCounts none(TrainingProfile profile) {
		Map<String, BinCounts> features = new LinkedHashMap<>();
		for (TrainingProfile.FeatureProfile feature : profile.features()) {
			features.put(feature.name(), BinCounts.empty(feature.counts().bins().size()));
		}
		return new LiveCounts(0, 0, features, BinCounts.empty(profile.output().counts().bins().size()));
	}

	/** These counts and those, feature by feature (the same profile's bins). */
	public LiveCounts plus(LiveCounts other) {
		return combined(other, 1, BinCounts::plus);
	}

	/**
	 * These counts less those, feature by feature: a window taken back out of a sum it
	 * was added to.
	 */
	public LiveCounts minus(LiveCounts other) {
		return combined(other, -1, BinCounts::minus);
	}

	private LiveCounts combined(LiveCounts other, long sign, BinaryOperator<BinCounts> bins) {
		Map<String, BinCounts> features = new LinkedHashMap<>(this.features);
		other.features.forEach((name, counts) -> features.merge(name, counts, bins));
		return new LiveCounts(this.requests + sign * other.requests, this.instances + sign * other.instances, features,
				bins.apply(this.output, other.output));
	}

}
