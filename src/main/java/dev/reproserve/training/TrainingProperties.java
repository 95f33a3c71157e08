package dev.reproserve.training;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Training job settings.
 *
 * @param workers trainings run at once on this replica; each takes a core or more
 * @param maxQueuedJobs jobs that may wait on this replica before new ones are refused
 * @param orphanCheckInterval how often each replica looks for jobs whose replica is gone
 * (besides at startup) and marks them failed
 */
@Validated
@ConfigurationProperties("reproserve.training")
public record TrainingProperties(@DefaultValue("1") @Min(1) @Max(64) int workers,
		@DefaultValue("100") @Min(1) int maxQueuedJobs, @DefaultValue("60s") Duration orphanCheckInterval) {
}
