package dev.reproserve.training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reproserve.training.internal.JobOwnership;
import dev.reproserve.training.internal.JobStore;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Jobs of either kind whose replica died (crash, kill, restart) are marked failed at
 * startup (this replica's previous life included) and then periodically on every replica,
 * never left running. A replica is gone when its advisory lock can be taken
 * ({@link JobOwnership}): no clock decides it.
 */
@Component
public class StoppedReplicaJobs {

	private static final Logger log = LoggerFactory.getLogger(StoppedReplicaJobs.class);

	private final JobStore store;

	private final JobOwnership ownership;

	private final JdbcTemplate jdbc;

	private final TrainingProperties properties;

	private final TaskScheduler scheduler;

	private final TrainingJobMeters meters;

	StoppedReplicaJobs(JobStore store, JobOwnership ownership, JdbcTemplate jdbc, TrainingProperties properties,
			TaskScheduler scheduler, TrainingJobMeters meters) {
		this.store = store;
		this.ownership = ownership;
		this.jdbc = jdbc;
		this.properties = properties;
		this.scheduler = scheduler;
		this.meters = meters;
	}

	/**
	 * Marks failed every unfinished job whose replica is gone.
	 * @return how many jobs were marked failed
	 */
	public int failJobsOfStoppedReplicas() {
		int mine = this.ownership.key();
		List<JobKind> failedKinds = new ArrayList<>();
		for (int owner : this.store.otherOwnersOfUnfinishedJobs(mine)) {
			this.ownership.ifGone(this.jdbc, owner,
					() -> failedKinds.addAll(this.store.failAllOf(owner, JobQueue.ORPHANED)));
		}
		int failed = failedKinds.size();
		int trainings = (int) failedKinds.stream().filter(JobKind.TRAINING::equals).count();
		if (trainings > 0) {
			this.meters.interrupted(trainings);
		}
		if (failed > 0) {
			log.warn("Marked {} job(s) failed: the replica running them had stopped", failed);
		}
		return failed;
	}

	@EventListener(ApplicationReadyEvent.class)
	void failJobsLeftByThePreviousRun() {
		failJobsOfStoppedReplicas();
	}

	/** Then every {@code reproserve.training.orphan-check-interval}. */
	@EventListener(ApplicationReadyEvent.class)
	void checkForStoppedReplicasPeriodically() {
		Duration interval = this.properties.orphanCheckInterval();
		this.scheduler.scheduleWithFixedDelay(this::failJobsOfStoppedReplicas, Instant.now().plus(interval), interval);
	}

}
