package dev.reproserve.drift.internal;

import java.time.Instant;

import dev.reproserve.drift.DriftProperties;
import dev.reproserve.shared.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code drift_windows} to {@code reproserve.drift.retention}: at startup and every
 * {@code reproserve.drift.retention-interval}, deletes the windows that ended before the
 * horizon in batches by their end, each batch a short transaction of its own. Only one
 * replica deletes at a time: a replica that finds another at it skips this round instead
 * of waiting.
 */
@Component
public class WindowRetention {

	/** Windows deleted per transaction. */
	static final int BATCH = 10_000;

	/** Batches per round at most: ten million windows, then the next round goes on. */
	static final int MAX_BATCHES = 1_000;

	private static final Logger log = LoggerFactory.getLogger(WindowRetention.class);

	private final DriftStore store;

	private final DriftProperties properties;

	private final TaskScheduler scheduler;

	WindowRetention(DriftStore store, DriftProperties properties, TaskScheduler scheduler) {
		this.store = store;
		this.properties = properties;
		this.scheduler = scheduler;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void start() {
		this.scheduler.scheduleWithFixedDelay(this::expireQuietly, Instant.now(), this.properties.retentionInterval());
	}

	/**
	 * A round while the database is unavailable is tried again at the next interval, with
	 * a line in the log, not the scheduler's stack trace.
	 */
	private void expireQuietly() {
		try {
			expire();
		}
		catch (DataAccessException ex) {
			log.warn("Could not delete expired drift windows (tried again in {}): {}",
					this.properties.retentionInterval(), ex.getMostSpecificCause().getMessage());
		}
	}

	/** What one round did. */
	public record Expiry(Instant horizon, long deleted, boolean skipped) {
	}

	/** One round: deletes every window that ended before now less the retention. */
	public Expiry expire() {
		Instant horizon = Timestamps.now().minus(this.properties.retention());
		long deleted = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			int done = this.store.expire(horizon, BATCH);
			if (done < 0) {
				log.debug("Another replica is deleting expired drift windows; skipped");
				return new Expiry(horizon, deleted, true);
			}
			deleted += done;
			if (done < BATCH) {
				break;
			}
		}
		if (deleted > 0) {
			log.info("Deleted {} drift window(s) that ended before {} (reproserve.drift.retention {})", deleted,
					horizon, this.properties.retention());
		}
		return new Expiry(horizon, deleted, false);
	}

}
