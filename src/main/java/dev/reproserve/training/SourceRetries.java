package dev.reproserve.training;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reproserve.datasets.SourceUnavailableException;
import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.Timestamps;
import dev.reproserve.training.internal.JobStore;

import org.springframework.stereotype.Component;

/**
 * What becomes of a claimed job whose SQL source cannot be reached when its data is read
 * again: a warehouse restarting is no reason to lose the job, so it goes back to the
 * queue, unclaimed, to be claimed no sooner than after {@code source-retry-delay}, twice
 * that after the next failure, and so on, at most {@code source-retries} times; its stage
 * says why it waits and until when. After that it fails with the reason.
 */
@Component
class SourceRetries {

	private static final Logger log = LoggerFactory.getLogger(SourceRetries.class);

	private final JobStore store;

	private final TrainingProperties properties;

	SourceRetries(JobStore store, TrainingProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	void retryOrFail(ClaimedJob job, SourceUnavailableException ex) {
		String source = String.valueOf(ex.members().get("source"));
		int retry = job.attempts() + 1;
		int retries = this.properties.sourceRetries();
		if (retry > retries) {
			this.store.fail(job.id(), gaveUp(source, retries));
			log.warn("Job {} failed: source {} was still unavailable after {} retries", job.id(), source, retries);
			return;
		}
		Instant at = Timestamps.now().plus(delay(retry));
		String stage = "source " + source + " unavailable, retry " + retry + " of " + retries + " at " + at;
		this.store.retryLater(job.id(), retry, at, stage);
		log.info("Job {}: {}", job.id(), stage);
	}

	/** The wait before a retry: the first delay, doubled for each retry before. */
	Duration delay(int retry) {
		return this.properties.sourceRetryDelay().multipliedBy(1L << Math.min(retry - 1, 20));
	}

	private TrainingJob.Failure gaveUp(String source, int retries) {
		Duration waited = Duration.ZERO;
		for (int retry = 1; retry <= retries; retry++) {
			waited = waited.plus(delay(retry));
		}
		return new TrainingJob.Failure(DomainException.typeOf("source-unavailable"), "Source unavailable",
				"Source '" + source + "' could not be reached when the job was to read its data, nor on " + retries
						+ " retries over at least " + waited.toSeconds() + " s (reproserve.training.source-retries,"
						+ " source-retry-delay); nothing was trained or recorded. Submit it again once the source is"
						+ " back.",
				List.of());
	}

}
