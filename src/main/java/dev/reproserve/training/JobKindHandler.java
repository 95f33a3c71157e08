package dev.reproserve.training;

/**
 * Prepares the work of the jobs of one kind that this replica claims from the queue,
 * which serve-only replicas queued: each kind's module declares one bean.
 */
public interface JobKindHandler {

	JobKind kind();

	/**
	 * Reads what a claimed job needs (its data, again) on the claiming thread.
	 * @throws dev.reproserve.shared.DomainException when the job cannot run: it is marked
	 * failed with that problem, except a
	 * {@link dev.reproserve.datasets.SourceUnavailableException}, after which the job is
	 * retried later
	 */
	JobWork prepare(ClaimedJob job);

}
