package dev.reproserve.oip.web;

import java.io.InputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.bundle.JsonErrors;
import dev.reproserve.oip.InferenceRequest;
import dev.reproserve.oip.InferenceResponse;
import dev.reproserve.oip.ModelMetadata;
import dev.reproserve.oip.OpenInference;
import dev.reproserve.oip.ServerMetadata;
import dev.reproserve.web.BadRequestException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open Inference Protocol's REST endpoints. A health answer is its status alone, 200
 * for true and 400 for false, with no body, as the protocol asks. Errors are answered as
 * everywhere else and dressed in the protocol's {@code {"error": ...}} body by
 * {@link OipErrorBodies}.
 */
@RestController
class OipController {

	private final OpenInference oip;

	private final ObjectReader requests;

	OipController(OpenInference oip, JsonMapper json) {
		this.oip = oip;
		// As strict as every request body, but with NaN and Infinity read as numbers, so
		// that the schema check can name the element rather than the parser refuse the
		// body: Python's json module writes them.
		this.requests = json.readerFor(InferenceRequest.class)
			.with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
	}

	@GetMapping("/v2/health/live")
	ResponseEntity<Void> live() {
		return health(this.oip.live());
	}

	@GetMapping("/v2/health/ready")
	ResponseEntity<Void> ready() {
		return health(this.oip.ready());
	}

	@GetMapping({ "/v2", "/v2/" })
	ServerMetadata server() {
		return this.oip.serverMetadata();
	}

	@GetMapping("/v2/models/{name}")
	ModelMetadata model(@PathVariable String name) {
		return this.oip.modelMetadata(name, null);
	}

	@GetMapping("/v2/models/{name}/versions/{version}")
	ModelMetadata model(@PathVariable String name, @PathVariable int version) {
		return this.oip.modelMetadata(name, version);
	}

	@GetMapping("/v2/models/{name}/ready")
	ResponseEntity<Void> modelReady(@PathVariable String name) {
		return health(this.oip.modelReady(name, null));
	}

	@GetMapping("/v2/models/{name}/versions/{version}/ready")
	ResponseEntity<Void> modelReady(@PathVariable String name, @PathVariable int version) {
		return health(this.oip.modelReady(name, version));
	}

	@PostMapping(path = "/v2/models/{name}/infer", consumes = MediaType.APPLICATION_JSON_VALUE)
	InferenceResponse infer(@PathVariable String name, InputStream body) {
		return this.oip.infer(name, null, read(body));
	}

	@PostMapping(path = "/v2/models/{name}/versions/{version}/infer", consumes = MediaType.APPLICATION_JSON_VALUE)
	InferenceResponse infer(@PathVariable String name, @PathVariable int version, InputStream body) {
		return this.oip.infer(name, version, read(body));
	}

	private InferenceRequest read(InputStream body) {
		InferenceRequest request;
		try {
			request = this.requests.readValue(body);
		}
		catch (JacksonException ex) {
			throw BadRequestException.malformed(JsonErrors.describe(ex));
		}
		if (request == null) {
			throw BadRequestException.malformed("The inference request is JSON null; send an object with 'inputs'.");
		}
		return request;
	}

	private static ResponseEntity<Void> health(boolean ok) {
		return ResponseEntity.status(ok ? 200 : 400).build();
	}

}
