package dev.reproserve.registry;

import java.time.Instant;
import java.util.Map;

/** A registered model with its latest version number and its aliases. */
public record ModelSummary(String name, String description, Instant createdAt, String createdBy, int latestVersion,
		Map<String, Integer> aliases) {
}
