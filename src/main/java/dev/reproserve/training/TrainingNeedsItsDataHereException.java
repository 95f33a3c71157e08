package dev.reproserve.training;

import dev.reproserve.shared.DomainException;

/**
 * A training or reproduction with its data in the request sent to a replica that does not
 * train: the data of a reference snapshot is never stored, so no other replica could
 * train on it.
 */
public class TrainingNeedsItsDataHereException extends DomainException {

	public TrainingNeedsItsDataHereException() {
		super(Kind.CONFLICT, "training-not-here", "Training not run here",
				"This replica does not train (reproserve.training.mode=serve), and a training or reproduction with "
						+ "its data in the request cannot be handed to another replica, because that data is never "
						+ "stored. Send it to a replica that trains, or train from a stored snapshot.");
	}

}
