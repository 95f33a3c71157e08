package dev.reproserve.training;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a succeeded job produced: a registered version, or a recorded reproduction.
 *
 * @param stage the job's last stage, in words
 * @param version the version a training registered
 * @param bundleSha256 its bundle's SHA-256
 * @param metrics its test-split metrics
 * @param reproductionId the reproduction a reproduction job recorded
 */
public record JobResult(String stage, @Nullable Integer version, @Nullable String bundleSha256,
		@Nullable Map<String, Double> metrics, @Nullable Long reproductionId) {

	public static JobResult registered(int version, String bundleSha256, Map<String, Double> metrics, String stage) {
		return new JobResult(stage, version, bundleSha256, metrics, null);
	}

	public static JobResult reproduced(long reproductionId, String stage) {
		return new JobResult(stage, null, null, null, reproductionId);
	}

}
