package dev.reproserve.serving;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Serving settings.
 *
 * @param maxBatchSize the most instances one predict request may carry
 * @param aliasRefreshInterval how often each replica re-reads aliases from the database,
 * the safety net behind notifications (PostgreSQL does not replay a notification a
 * replica missed while disconnected)
 * @param aliasNotifications whether each replica listens for alias changes (PostgreSQL
 * LISTEN/NOTIFY) and re-reads aliases at once
 * @param maxLoadedMemory the memory that verified models may hold on a replica, by an
 * estimate of each model's heap; versions no alias points at are evicted beyond it (and
 * loaded again, verified in full, when next asked for); unset, a quarter of the maximum
 * heap
 * @param liveCounts whether each version's live traffic is counted for drift reports
 * (docs/drift.md); off, reports see no live traffic from this replica
 */
@Validated
@ConfigurationProperties("reproserve.serving")
public record ServingProperties(@DefaultValue("1000") @Min(1) @Max(1_000_000) int maxBatchSize,
		@DefaultValue("30s") Duration aliasRefreshInterval, @DefaultValue("true") boolean aliasNotifications,
		@Nullable DataSize maxLoadedMemory, @DefaultValue("true") boolean liveCounts) {

	/** The memory budget of loaded models in bytes. */
	public long loadedMemoryBudget() {
		return (this.maxLoadedMemory != null) ? this.maxLoadedMemory.toBytes() : Runtime.getRuntime().maxMemory() / 4;
	}

}
