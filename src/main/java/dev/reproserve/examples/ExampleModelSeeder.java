package dev.reproserve.examples;

import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.Registration;
import dev.reproserve.serving.ModelServing;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainedModel;
import dev.reproserve.training.TrainingData;
import dev.reproserve.training.TrainingService;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Seeds an empty registry with the built-in example: trains {@value #MODEL} from the
 * bundled iris data with a fixed seed, registers version 1 and points {@value #ALIAS} at
 * it. Runs before the service reports ready; a registry that holds any model is left
 * alone, so a restart registers nothing new.
 */
@Component
class ExampleModelSeeder implements ApplicationRunner {

	static final String MODEL = "iris";

	static final String ALIAS = "production";

	private static final Logger log = LoggerFactory.getLogger(ExampleModelSeeder.class);

	private final ExamplesProperties properties;

	private final ModelRegistry registry;

	private final TrainingService training;

	private final ModelServing serving;

	private final JsonMapper json;

	ExampleModelSeeder(ExamplesProperties properties, ModelRegistry registry, TrainingService training,
			ModelServing serving, JsonMapper json) {
		this.properties = properties;
		this.registry = registry;
		this.training = training;
		this.serving = serving;
		this.json = json;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		if (!this.properties.enabled() || this.registry.hasModels()) {
			return;
		}
		PipelineSpec spec;
		try (InputStream in = new ClassPathResource("examples/iris-spec.json").getInputStream()) {
			spec = this.json.readValue(in, PipelineSpec.class);
		}
		byte[] csv = new ClassPathResource("examples/iris.csv").getContentAsByteArray();
		TrainedModel trained = this.training.train(MODEL, spec, new TrainingData(csv, "examples/iris.csv"));
		Registration registration = this.registry.registerIfEmpty(MODEL, trained.bundle(), "reproserve-examples");
		if (registration == null) {
			return;
		}
		this.serving.moveAlias(MODEL, ALIAS, registration.version().version(), "reproserve-examples",
				"built-in example model, seeded into an empty registry");
		log.info("Seeded the example model '{}' version {} as '{}' (bundle {})", MODEL,
				registration.version().version(), ALIAS, registration.version().bundleSha256());
	}

}
