package dev.reproserve.training;

/** Receives a training's stages as it passes them, e.g. to show a job's progress. */
@FunctionalInterface
public interface TrainingProgress {

	/** Ignores every stage. */
	TrainingProgress NONE = (stage, fraction) -> {
	};

	/**
	 * @param stage what the training does now, e.g. {@code fitting the model}
	 * @param fraction roughly how much of the work is done, from 0 to 1
	 */
	void stage(String stage, double fraction);

}
