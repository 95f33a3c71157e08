package dev.reproserve.training;

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

	/** The trainers on offer with their tasks and hyperparameter defaults. */
	public List<TrainerInfo> trainers() {
		return TrainerCatalog.types()
			.values()
			.stream()
			.map((t) -> new TrainerInfo(t.name(), t.description(),
					t.tasks().stream().map((task) -> task.json()).sorted().toList(),
					t.parameters()
						.values()
						.stream()
						.collect(java.util.stream.Collectors.toMap(TrainerCatalog.Param::name,
								TrainerCatalog.Param::defaultValue, (a, b) -> a, java.util.LinkedHashMap::new))))
			.toList();
	}

	/** A trainer on offer and the defaults of its hyperparameters. */
	public record TrainerInfo(String name, String description, List<String> tasks,
			Map<String, Object> hyperparameters) {
	}

}
