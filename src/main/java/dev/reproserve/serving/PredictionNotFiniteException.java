package dev.reproserve.serving;

import java.util.List;
import java.util.Map;

import dev.reproserve.shared.DomainException;

/**
 * Instances that passed the schema but for which the model computes no finite answer:
 * values so far outside what it was trained on (a feature of 1e308) that its arithmetic
 * overflows, and a score, the label or the regressed value comes out NaN or infinite.
 * Refused rather than answered with a label picked from NaN scores or a value that JSON
 * cannot carry.
 */
public class PredictionNotFiniteException extends DomainException {

	private PredictionNotFiniteException(String model, int version, List<Integer> instances) {
		super(Kind.INVALID, "prediction-not-finite", "The model cannot predict from these values", "Version " + version
				+ " of '" + model + "' computes no finite output for instance(s) " + instances
				+ ": their values are too far outside those it was trained on for its arithmetic to stay finite."
				+ " Send values in the range of its training data.",
				Map.of("model", model, "version", version, "instances", instances));
	}

	public static PredictionNotFiniteException forInstances(String model, int version, List<Integer> instances) {
		return new PredictionNotFiniteException(model, version, instances);
	}

}
