package dev.reproserve.training;

import java.util.Map;

import dev.reproserve.web.ProblemException;

import org.springframework.http.HttpStatus;

/** No training job has this id. */
public class TrainingJobNotFoundException extends ProblemException {

	private TrainingJobNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, "training-job-not-found", "Training job not found",
				"There is no training job " + id + "; GET /api/v1/trainings lists them.", Map.of("jobId", id));
	}

	public static TrainingJobNotFoundException forId(long id) {
		return new TrainingJobNotFoundException(id);
	}

}
