package dev.reproserve.serving.web;

import java.util.Map;

import tools.jackson.core.JsonGenerator;

import dev.reproserve.bundle.ModelOutput;
import dev.reproserve.serving.Prediction;

/**
 * Writes a prediction as exactly the bytes Jackson writes for
 * {@link PredictionController.PredictionResponse} (members in record order, nulls
 * written, an output's null members left out), without bean introspection or content
 * negotiation per response. The generator comes from the application's mapper, so numbers
 * and strings are formatted by the same code. A test holds the two writers to the same
 * bytes.
 */
public final class PredictionWriter {

	private PredictionWriter() {
	}

	public static void write(JsonGenerator json, Prediction prediction) {
		json.writeStartObject();
		json.writeStringProperty("id", prediction.id());
		json.writeStringProperty("model", prediction.model());
		json.writeNumberProperty("version", prediction.version());
		json.writeStringProperty("alias", prediction.alias());
		json.writeStringProperty("bundleSha256", prediction.bundleSha256());
		json.writeName("predictions");
		json.writeStartArray();
		for (ModelOutput output : prediction.outputs()) {
			json.writeStartObject();
			if (output.label() != null) {
				json.writeStringProperty("label", output.label());
			}
			if (output.value() != null) {
				json.writeNumberProperty("value", output.value());
			}
			if (output.scores() != null) {
				json.writeName("scores");
				json.writeStartObject();
				for (Map.Entry<String, Double> score : output.scores().entrySet()) {
					json.writeNumberProperty(score.getKey(), score.getValue());
				}
				json.writeEndObject();
			}
			json.writeEndObject();
		}
		json.writeEndArray();
		json.writeEndObject();
	}

}
