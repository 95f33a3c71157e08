package dev.reproserve.training;

import java.util.Map;

import dev.reproserve.shared.DomainException;
import dev.reproserve.shared.DomainException.Kind;

/** No training job has this id. */
public class TrainingJobNotFoundException extends DomainException {

	private TrainingJobNotFoundException(long id) {
		super(Kind.NOT_FOUND, "training-job-not-found", "Training job not found",
				"There is no training job " + id + "; GET /api/v1/trainings lists them.", Map.of("jobId", id));
	}

	public static TrainingJobNotFoundException forId(long id) {
		return new TrainingJobNotFoundException(id);
	}

}
