package dev.reproserve.serving.web;

import java.util.List;

import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.serving.ModelServing;
import dev.reproserve.serving.Prediction;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/models/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
class PredictionController {

	private final ModelServing serving;

	PredictionController(ModelServing serving) {
		this.serving = serving;
	}

	@PostMapping("/versions/{version}/predict")
	PredictionResponse predictWithVersion(@PathVariable String name, @PathVariable int version,
			@RequestBody PredictionRequest request) {
		return PredictionResponse
			.from(this.serving.predictWithVersion(name, version, request.id(), request.instances()));
	}

	@PostMapping("/aliases/{alias}/predict")
	PredictionResponse predictWithAlias(@PathVariable String name, @PathVariable String alias,
			@RequestBody PredictionRequest request) {
		return PredictionResponse.from(this.serving.predictWithAlias(name, alias, request.id(), request.instances()));
	}

	/**
	 * @param id optional, echoed in the response
	 * @param instances objects of feature name to value; bound loosely on purpose so that
	 * schema validation can name every wrong type instead of failing at the first
	 */
	record PredictionRequest(String id, List<Object> instances) {
	}

	record PredictionResponse(String id, String model, int version, String alias, String bundleSha256,
			List<ModelOutput> predictions) {

		static PredictionResponse from(Prediction prediction) {
			return new PredictionResponse(prediction.id(), prediction.model(), prediction.version(), prediction.alias(),
					prediction.bundleSha256(), prediction.outputs());
		}

	}

}
