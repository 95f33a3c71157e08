package dev.reproserve.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.bundle.BundleCodec;
import dev.reproserve.bundle.LoadedBundle;

import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.OutputSpec.Kind;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainedModel;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.internal.ModelTrainer;

/** Real models trained on the project's real data sets, for tests. */
public final class TestModels {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TestModels() {
	}

	public static byte[] resource(String path) {
		try (InputStream in = TestModels.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalArgumentException("No test resource " + path);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static TrainingData irisData() {
		return new TrainingData(resource("examples/iris.csv"), "iris.csv");
	}

	public static TrainingData penguinsData() {
		return new TrainingData(resource("datasets/penguins-complete.csv"), "penguins-complete.csv");
	}

	/** The built-in example's spec: logistic regression on the four iris measurements. */
	public static PipelineSpec irisSpec() {
		return JSON.readValue(resource("examples/iris-spec.json"), PipelineSpec.class);
	}

	public static PipelineSpec irisSpec(long seed) {
		PipelineSpec spec = irisSpec();
		return new PipelineSpec(spec.formatVersion(), spec.task(), spec.target(), spec.features(), spec.trainer(), seed,
				spec.split());
	}

	public static String irisSpecJson() {
		return new String(resource("examples/iris-spec.json"), java.nio.charset.StandardCharsets.UTF_8);
	}

	/** A CART tree on penguins with one categorical and two numeric features. */
	public static PipelineSpec penguinsCartSpec(long seed) {
		return new PipelineSpec(1, Kind.CLASSIFICATION, "species",
				List.of(new PipelineSpec.Feature("island", FeatureType.CATEGORICAL),
						new PipelineSpec.Feature("bill_length_mm", FeatureType.NUMERIC),
						new PipelineSpec.Feature("flipper_length_mm", FeatureType.NUMERIC)),
				new PipelineSpec.Trainer("cart", Map.of("maxDepth", 6, "fractionFeaturesInSplit", 0.5)), seed, null);
	}

	public static TrainedModel trainIris(long seed) {
		return ModelTrainer.train("iris", irisSpec(seed), irisData());
	}

	/**
	 * Another bundle of the same model: only the manifest's creation time differs, so the
	 * bytes (and the SHA-256) differ while the model and its fingerprint stay the same.
	 */
	public static byte[] rewrittenAt(LoadedBundle bundle, long epochSecond) {
		return BundleCodec.write(bundle.manifest().withCreatedAt(Instant.ofEpochSecond(epochSecond)), bundle.model());
	}

	/** An iris setosa row, valid for the iris schema. */
	public static Map<String, Object> setosa() {
		return Map.of("sepal_length", 5.1, "sepal_width", 3.5, "petal_length", 1.4, "petal_width", 0.2);
	}

}
