package dev.reproserve.registry;

import java.time.Instant;

import dev.reproserve.bundle.JsonEnum;

/**
 * The outcome of one check of a version: {@code verified} (hash, allow-list, dependencies
 * and golden examples passed, possibly with warnings in {@code detail}) or {@code failed}
 * (with the reason).
 */
public record VersionStatus(State status, String detail, String reportedBy, Instant at) {

	/** Shorthands, so that callers say {@code VersionStatus.VERIFIED}. */
	public static final State VERIFIED = State.VERIFIED;

	public static final State FAILED = State.FAILED;

	/** Whether a check passed. */
	public enum State implements JsonEnum {

		/** Every check passed, possibly with warnings. */
		VERIFIED,
		/** A check failed; the version does not serve on the replica that reported it. */
		FAILED;

		public static State of(String json) {
			return JsonEnum.of(State.class, json);
		}

		@Override
		public String toString() {
			return json();
		}

	}

}
