package dev.reproserve.training;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reproserve.registry.Replica;
import dev.reproserve.training.internal.JobOwnership;
import dev.reproserve.training.internal.JobStore;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * On a replica that trains, claims the jobs (trainings and reproductions) that serve-only
 * replicas queued, or that went back to the queue to wait for their SQL source: every
 * {@code reproserve.training.claim-interval}, one at a time and only while a worker is
 * idle here, so a claimed job never waits on this replica while another is free. The
 * claim itself is one statement ({@link JobStore#claimNext}) that no two replicas can win
 * for the same job.
 */
@Component
class QueuedJobClaims {

	private static final Logger log = LoggerFactory.getLogger(QueuedJobClaims.class);

	private final JobQueue jobs;

	private final JobStore store;

	private final JobOwnership ownership;

	private final TrainingProperties properties;

	private final TaskScheduler scheduler;

	private final String node = Replica.name();

	QueuedJobClaims(JobQueue jobs, JobStore store, JobOwnership ownership, TrainingProperties properties,
			TaskScheduler scheduler) {
		this.jobs = jobs;
		this.store = store;
		this.ownership = ownership;
		this.properties = properties;
		this.scheduler = scheduler;
	}

	/**
	 * @return how many jobs were claimed
	 */
	int claim() {
		int claimed = 0;
		while (this.jobs.hasIdleWorker()) {
			ClaimedJob job = this.store.claimNext(this.ownership.key(), this.node).orElse(null);
			if (job == null) {
				return claimed;
			}
			if (!this.jobs.runClaimed(job)) {
				this.store.unclaim(job.id());
				return claimed;
			}
			claimed++;
		}
		return claimed;
	}

	@EventListener(ApplicationReadyEvent.class)
	void claimPeriodically() {
		if (this.properties.mode().trains()) {
			this.scheduler.scheduleWithFixedDelay(this::claimQuietly, this.properties.claimInterval());
		}
	}

	private void claimQuietly() {
		try {
			claim();
		}
		catch (DataAccessException ex) {
			log.debug("Could not look for queued jobs: {}", ex.getMessage());
		}
	}

}
