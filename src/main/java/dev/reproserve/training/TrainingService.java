package dev.reproserve.training;

import java.util.List;
import java.util.Map;

import dev.reproserve.registry.InvalidNameException;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.Registration;
import dev.reproserve.training.internal.ModelTrainer;
import dev.reproserve.training.internal.TrainerCatalog;

import org.springframework.stereotype.Service;

/**
 * Trains Tribuo models from CSV data and a {@link PipelineSpec} and registers the
 * resulting bundles. Training runs outside any database transaction; only the
 * registration writes.
 */
@Service
public class TrainingService {

	private final ModelRegistry registry;

	TrainingService(ModelRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Trains a model into a bundle without registering it.
	 * @throws InvalidTrainingRequestException listing every problem with spec or data
	 */
	public TrainedModel train(String modelName, PipelineSpec spec, TrainingData data) {
		InvalidNameException.checkModel(modelName);
		return ModelTrainer.train(modelName, spec, data);
	}

	/** Trains and registers the bundle as the model's next version. */
	public TrainingResult trainAndRegister(String modelName, PipelineSpec spec, TrainingData data, String actor) {
		TrainedModel trained = train(modelName, spec, data);
		return new TrainingResult(this.registry.register(modelName, trained.bundle(), actor),
				trained.manifest().metrics());
	}

	/** A registered training and the metrics measured on its test split. */
	public record TrainingResult(Registration registration, Map<String, Double> metrics) {
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
