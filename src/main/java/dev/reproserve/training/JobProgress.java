package dev.reproserve.training;

/** Records a running job's stages. */
@FunctionalInterface
public interface JobProgress {

	/**
	 * @param stage what the job does now, e.g. {@code fitting the model}
	 * @param fraction roughly how much is done, from 0 to 1
	 * @return whether the job is still running: false once it was marked failed (its
	 * replica stopping, or taken for dead), after which its work must record nothing
	 */
	boolean stage(String stage, double fraction);

}
