package dev.reproserve.registry;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import org.jspecify.annotations.Nullable;

/**
 * One recorded attempt to rebuild a version from its recorded snapshot, spec and seeds.
 *
 * @param id the attempt's number, increasing
 * @param model the model
 * @param version the version that was rebuilt
 * @param verdict what the rebuild showed
 * @param reason one sentence on why this verdict
 * @param recordedFingerprint the version's canonical model fingerprint
 * @param reproducedFingerprint the rebuilt model's, null when nothing was rebuilt
 * @param differences what differs (hyperparameters, dependencies, data fingerprint,
 * fitted pipeline, per-example outputs); an empty object when nothing does
 * @param requestedBy who asked
 * @param reportedBy the replica that did the work
 * @param durationMillis how long it took
 * @param at when it finished
 */
public record Reproduction(long id, String model, int version, ReproductionVerdict verdict, String reason,
		String recordedFingerprint, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String reproducedFingerprint,
		JsonNode differences, String requestedBy, String reportedBy, long durationMillis, Instant at) {

	/**
	 * What a reproduction found, before it is recorded.
	 *
	 * @param verdict what the rebuild showed
	 * @param reason one sentence on why
	 * @param reproducedFingerprint the rebuilt model's fingerprint, or null
	 * @param differences what differs, as JSON
	 * @param durationMillis how long it took
	 */
	public record Outcome(ReproductionVerdict verdict, String reason, String reproducedFingerprint,
			JsonNode differences, long durationMillis) {
	}

	/** The latest verdict, as the version list and view show it. */
	public record Latest(long id, ReproductionVerdict verdict, Instant at) {
	}

}
