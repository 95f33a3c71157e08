package dev.reproserve.reproduce;

import java.util.Map;

import dev.reproserve.shared.DomainException;

/** The version has no reproduction job with this id. */
public class ReproductionJobNotFoundException extends DomainException {

	private ReproductionJobNotFoundException(String model, int version, long id) {
		super(Kind.NOT_FOUND, "reproduction-job-not-found", "Reproduction job not found",
				"Version " + version + " of model '" + model + "' has no reproduction job " + id
						+ "; POST /api/v1/models/" + model + "/versions/" + version + "/reproductions starts one.",
				Map.of("model", model, "version", version, "jobId", id));
	}

	public static ReproductionJobNotFoundException forId(String model, int version, long id) {
		return new ReproductionJobNotFoundException(model, version, id);
	}

}
