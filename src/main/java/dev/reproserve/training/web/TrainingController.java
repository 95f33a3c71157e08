package dev.reproserve.training.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.registry.Registration;
import dev.reproserve.registry.VersionSummary;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.TrainingService;
import dev.reproserve.web.BadRequestException;
import dev.reproserve.web.JsonErrors;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
class TrainingController {

	private final TrainingService training;

	private final JsonMapper json;

	TrainingController(TrainingService training, JsonMapper json) {
		this.training = training;
		this.json = json;
	}

	/**
	 * Trains from a CSV upload and a pipeline spec, then registers the bundle.
	 * Synchronous: answers when the version exists.
	 */
	@PostMapping(path = "/api/v1/trainings", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<TrainingResponse> train(@RequestParam String modelName, @RequestPart("spec") String spec,
			@RequestPart("data") MultipartFile data, @RequestParam(defaultValue = "anonymous") String actor)
			throws IOException {
		PipelineSpec pipeline;
		try {
			pipeline = this.json.readValue(spec, PipelineSpec.class);
		}
		catch (JacksonException ex) {
			throw BadRequestException.malformed("Part 'spec' is not a valid pipeline spec. " + JsonErrors.describe(ex));
		}
		if (pipeline == null) {
			throw BadRequestException.malformed("Part 'spec' is JSON null; send a pipeline spec object.");
		}
		String source = (data.getOriginalFilename() != null && !data.getOriginalFilename().isBlank())
				? data.getOriginalFilename() : "upload.csv";
		TrainingService.TrainingResult result = this.training.trainAndRegister(modelName, pipeline,
				new TrainingData(data.getBytes(), source), actor);
		Registration registration = result.registration();
		VersionSummary version = registration.version();
		return ResponseEntity.status(registration.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.location(URI.create("/api/v1/models/" + version.model() + "/versions/" + version.version()))
			.body(new TrainingResponse(version, result.metrics(), registration.warnings()));
	}

	@GetMapping("/api/v1/trainers")
	Map<String, List<TrainingService.TrainerInfo>> trainers() {
		return Map.of("trainers", this.training.trainers());
	}

	record TrainingResponse(VersionSummary version, Map<String, Double> metrics, List<String> warnings) {
	}

}
