package dev.reproserve.training;

import org.jspecify.annotations.Nullable;

/**
 * The work of one job, run on one of this replica's workers outside any database
 * transaction. A refusal it throws (a {@link dev.reproserve.shared.DomainException} or an
 * {@link dev.reproserve.bundle.InvalidBundleException}) fails the job with that problem;
 * anything else fails it as unexpected.
 */
@FunctionalInterface
public interface JobWork {

	/**
	 * @return what the job produced, or null when {@code progress} answered that the job
	 * is no longer running and nothing was recorded
	 */
	@Nullable JobResult run(JobProgress progress);

}
