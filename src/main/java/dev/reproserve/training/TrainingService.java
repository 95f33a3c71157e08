package dev.reproserve.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.reproserve.registry.InvalidNameException;
import dev.reproserve.training.internal.ModelTrainer;
import dev.reproserve.training.internal.TrainerCatalog;

import org.springframework.stereotype.Service;

/**
 * Trains Tribuo models from CSV data and a {@link PipelineSpec} into bundles, in memory
 * and outside any database transaction. {@link TrainingJobs} runs trainings as jobs and
 * registers their bundles; reproductions re-run them.
 */
@Service
public class TrainingService {

	/**
	 * Trains a model into a bundle without registering it.
	 * @throws InvalidTrainingRequestException listing every problem with spec or data
	 */
	public TrainedModel train(String modelName, PipelineSpec spec, TrainingData data) {
		return train(modelName, spec, data, TrainingProgress.NONE);
	}

	/** As {@link #train(String, PipelineSpec, TrainingData)}, reporting its stages. */
	public TrainedModel train(String modelName, PipelineSpec spec, TrainingData data, TrainingProgress progress) {
		InvalidNameException.checkModel(modelName);
		return ModelTrainer.train(modelName, spec, data, progress);
	}

	/**
	 * The training split that a spec takes from data, in file order, as training reads it
	 * (validated instances, absent where a value is missing): what a version's training
	 * profile is computed from when its bundle has none.
	 * @throws InvalidTrainingRequestException if the spec does not train on the data
	 */
	public List<Map<String, Object>> trainingSplit(PipelineSpec spec, TrainingData data) {
		return ModelTrainer.trainingSplit(spec, data);
	}

	/** The trainers on offer with their tasks and hyperparameters. */
	public List<OfferedTrainer> trainers() {
		return TrainerCatalog.types().values().stream().map(OfferedTrainer::of).toList();
	}

	/**
	 * A trainer on offer: the tasks it trains for, the defaults of its hyperparameters
	 * and each hyperparameter described.
	 */
	public record OfferedTrainer(String name, String description, List<String> tasks,
			Map<String, Object> hyperparameters, List<Hyperparameter> hyperparameterDetails) {

		static OfferedTrainer of(TrainerCatalog.TrainerType type) {
			Map<String, Object> defaults = new LinkedHashMap<>();
			type.parameters().values().forEach((param) -> defaults.put(param.name(), param.defaultValue()));
			return new OfferedTrainer(type.name(), type.description(),
					type.tasks().stream().map((task) -> task.json()).sorted().toList(), defaults,
					type.parameters().values().stream().map(Hyperparameter::of).toList());
		}

	}

	/**
	 * One hyperparameter of a trainer.
	 *
	 * @param name its name in a spec's {@code trainer.hyperparameters}
	 * @param type integer, number or boolean
	 * @param defaultValue the value it takes when the spec gives none
	 * @param allowed the values it may take, in words ("at least 1", "in (0, 1]")
	 * @param description what it does
	 */
	public record Hyperparameter(String name, String type, Object defaultValue, String allowed, String description) {

		static Hyperparameter of(TrainerCatalog.Param param) {
			return new Hyperparameter(param.name(), param.typeName(), param.defaultValue(),
					(param.type() == Boolean.class) ? "true or false" : param.range().toString(), param.description());
		}

	}

}
