package dev.reproserve.bundle;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import org.jspecify.annotations.Nullable;

/**
 * Everything recorded with a model, stored as {@code manifest.json} beside the model in a
 * bundle. Immutable once the bundle exists; its format is versioned by
 * {@link #formatVersion()}.
 *
 * @param formatVersion bundle format version, {@value #FORMAT_VERSION} here
 * @param modelName the name the model was trained under
 * @param modelClass the Tribuo model class
 * @param modelFingerprint canonical SHA-256 of the fitted model, independent of
 * timestamps and map order: equal for two trainings with the same data, spec and seed
 * @param inputSchema the features clients must send
 * @param output what the model predicts
 * @param training trainer, hyperparameters, seeds and split
 * @param trainingData fingerprint of the data
 * @param metrics measured on the test split
 * @param goldenExamples inputs with the exact outputs the model gave at training
 * @param dependencies the software the model was trained with
 * @param tribuoProvenance Tribuo's own provenance of the model, as JSON
 * @param createdAt when the bundle was written
 * @param pipelineSpec the pipeline spec the model was trained from, as given: what a
 * reproduction re-runs; null for bundles made elsewhere
 * @param evaluation per-class test results of a classifier; null otherwise
 * @param profile the population of the training split, which live traffic is compared
 * with; null for bundles made before profiles or elsewhere
 */
public record BundleManifest(int formatVersion, String modelName, String modelClass, String modelFingerprint,
		FeatureSchema inputSchema, OutputSpec output, TrainingRecord training, DataFingerprint trainingData,
		Map<String, Double> metrics, List<GoldenExample> goldenExamples, DependencyList dependencies,
		JsonNode tribuoProvenance, Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode pipelineSpec,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Evaluation evaluation,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable TrainingProfile profile) {

	public static final int FORMAT_VERSION = 1;

	/** This manifest with other golden examples. */
	public BundleManifest withGoldenExamples(List<GoldenExample> golden) {
		return new BundleManifest(this.formatVersion, this.modelName, this.modelClass, this.modelFingerprint,
				this.inputSchema, this.output, this.training, this.trainingData, this.metrics, golden,
				this.dependencies, this.tribuoProvenance, this.createdAt, this.pipelineSpec, this.evaluation,
				this.profile);
	}

	/** This manifest with another dependency list. */
	public BundleManifest withDependencies(DependencyList dependencies) {
		return new BundleManifest(this.formatVersion, this.modelName, this.modelClass, this.modelFingerprint,
				this.inputSchema, this.output, this.training, this.trainingData, this.metrics, this.goldenExamples,
				dependencies, this.tribuoProvenance, this.createdAt, this.pipelineSpec, this.evaluation, this.profile);
	}

	/** This manifest with a training profile. */
	public BundleManifest withProfile(@Nullable TrainingProfile profile) {
		return new BundleManifest(this.formatVersion, this.modelName, this.modelClass, this.modelFingerprint,
				this.inputSchema, this.output, this.training, this.trainingData, this.metrics, this.goldenExamples,
				this.dependencies, this.tribuoProvenance, this.createdAt, this.pipelineSpec, this.evaluation, profile);
	}

	/** This manifest with another creation time. */
	public BundleManifest withCreatedAt(Instant createdAt) {
		return new BundleManifest(this.formatVersion, this.modelName, this.modelClass, this.modelFingerprint,
				this.inputSchema, this.output, this.training, this.trainingData, this.metrics, this.goldenExamples,
				this.dependencies, this.tribuoProvenance, createdAt, this.pipelineSpec, this.evaluation, this.profile);
	}

}
