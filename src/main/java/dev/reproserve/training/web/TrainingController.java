package dev.reproserve.training.web;

import java.security.Principal;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.shared.ResultPage;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainingJob;
import dev.reproserve.training.TrainingJobs;
import dev.reproserve.training.TrainingService;
import dev.reproserve.web.BadRequestException;
import dev.reproserve.bundle.JsonErrors;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
class TrainingController {

	private final TrainingJobs jobs;

	private final TrainingService training;

	private final JsonMapper json;

	TrainingController(TrainingJobs jobs, TrainingService training, JsonMapper json) {
		this.jobs = jobs;
		this.training = training;
		this.json = json;
	}

	/**
	 * Starts a training from a stored dataset snapshot and a pipeline spec: 202 with the
	 * job, whose URL tells when the version exists.
	 */
	@PostMapping(path = "/api/v1/trainings", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TrainingJob> train(@RequestBody TrainingRequest request, Principal caller) {
		return accepted(submit(request, null, caller));
	}

	/**
	 * The same with the data in the request: part {@code request} holds the JSON above,
	 * part {@code data} the CSV, which must be the snapshot's data (the only way to train
	 * from a reference snapshot, whose data Reproserve does not hold).
	 */
	@PostMapping(path = "/api/v1/trainings", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<TrainingJob> trainWithData(@RequestPart("request") String request,
			@RequestPart("data") MultipartFile data, Principal caller) throws IOException {
		TrainingRequest parsed;
		try {
			parsed = this.json.readValue(request, TrainingRequest.class);
		}
		catch (JacksonException ex) {
			throw BadRequestException
				.malformed("Part 'request' is not a valid training request. " + JsonErrors.describe(ex));
		}
		return accepted(submit(parsed, data.getBytes(), caller));
	}

	private TrainingJob submit(TrainingRequest request, byte[] data, Principal caller) {
		if (request == null) {
			throw BadRequestException.malformed(
					"The training request is JSON null; send an object with modelName," + " datasetId and spec.");
		}
		return this.jobs.submit(request.modelName(), request.datasetId(), request.spec(), data, caller.getName());
	}

	private static ResponseEntity<TrainingJob> accepted(TrainingJob job) {
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/v1/trainings/" + job.id()))
			.body(job);
	}

	@GetMapping("/api/v1/trainings/{id}")
	TrainingJob job(@PathVariable long id) {
		return this.jobs.job(id);
	}

	@GetMapping("/api/v1/trainings")
	ResultPage<TrainingJob> jobs(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		BadRequestException.checkPage(page, size);
		return this.jobs.jobs(page, size);
	}

	@GetMapping("/api/v1/trainers")
	Map<String, List<TrainingService.OfferedTrainer>> trainers() {
		return Map.of("trainers", this.training.trainers());
	}

	/**
	 * @param modelName the model the new version belongs to
	 * @param datasetId the dataset snapshot to train on
	 * @param spec the pipeline spec
	 * @param actor ignored, accepted so that older clients keep working: the recorded
	 * actor is the name of the key that sent the request
	 */
	record TrainingRequest(String modelName, String datasetId, PipelineSpec spec, String actor) {
	}

}
