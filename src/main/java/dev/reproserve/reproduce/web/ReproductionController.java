package dev.reproserve.reproduce.web;

import java.security.Principal;
import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import dev.reproserve.datasets.DatasetsProperties;
import dev.reproserve.registry.Reproduction;
import dev.reproserve.shared.ResultPage;
import dev.reproserve.reproduce.ReproductionJob;
import dev.reproserve.reproduce.ReproductionJobs;
import dev.reproserve.reproduce.Reproductions;
import dev.reproserve.web.BadRequestException;
import dev.reproserve.web.RequestBodies;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReproductionController {

	private final Reproductions reproductions;

	private final ReproductionJobs jobs;

	private final DatasetsProperties datasets;

	ReproductionController(Reproductions reproductions, ReproductionJobs jobs, DatasetsProperties datasets) {
		this.reproductions = reproductions;
		this.jobs = jobs;
		this.datasets = datasets;
	}

	/**
	 * Starts re-training a version from its recorded snapshot, spec and seeds: 202 with
	 * the job, whose URL gives the recorded reproduction once it is done. A body, when
	 * sent, is the training data of a version trained from a reference snapshot
	 * ({@code text/csv}), read only up to {@code reproserve.datasets.max-size} (413
	 * beyond). A body of another media type is refused with 415 before it is read, never
	 * taken as CSV.
	 */
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			description = "Only for a version trained from a reference snapshot: its training data as CSV",
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv",
					schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
	@PostMapping("/api/v1/models/{name}/versions/{version}/reproductions")
	ResponseEntity<ReproductionJob> reproduce(@PathVariable String name, @PathVariable int version, Principal caller,
			HttpServletRequest request) throws IOException, HttpMediaTypeNotSupportedException {
		if (RequestBodies.hasBody(request)) {
			RequestBodies.requireCsv(request);
		}
		byte[] data = RequestBodies.read(request, this.datasets.maxSize().toBytes(), "The training data");
		ReproductionJob job = this.jobs.submit(name, version, (data.length > 0) ? data : null, caller.getName());
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/v1/models/" + name + "/versions/" + version + "/reproduction-jobs/" + job.id()))
			.body(job);
	}

	@GetMapping("/api/v1/models/{name}/versions/{version}/reproduction-jobs/{id}")
	ReproductionJob job(@PathVariable String name, @PathVariable int version, @PathVariable long id) {
		return this.jobs.job(name, version, id);
	}

	@GetMapping("/api/v1/models/{name}/versions/{version}/reproductions/{id}")
	Reproduction reproduction(@PathVariable String name, @PathVariable int version, @PathVariable long id) {
		return this.reproductions.reproduction(name, version, id);
	}

	@GetMapping("/api/v1/models/{name}/versions/{version}/reproductions")
	ResultPage<Reproduction> reproductions(@PathVariable String name, @PathVariable int version,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		BadRequestException.checkPage(page, size);
		return this.reproductions.reproductions(name, version, page, size);
	}

}
