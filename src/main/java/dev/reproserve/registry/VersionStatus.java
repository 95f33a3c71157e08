package dev.reproserve.registry;

import java.time.Instant;

/**
 * The outcome of one check of a version: {@code verified} (hash, allow-list, dependencies
 * and golden examples passed, possibly with warnings in {@code detail}) or {@code failed}
 * (with the reason).
 */
public record VersionStatus(String status, String detail, String reportedBy, Instant at) {

	public static final String VERIFIED = "verified";

	public static final String FAILED = "failed";

}
