package dev.reproserve.examples;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.datasets.DatasetSnapshots;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.serving.ModelServing;
import dev.reproserve.training.PipelineSpec;
import dev.reproserve.training.TrainingJob;
import dev.reproserve.training.TrainingJobs;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Seeds an empty registry with the built-in example: takes a snapshot of the bundled iris
 * data, trains {@value #MODEL} from it with a fixed seed through the same training job
 * path as every other training, and points {@value #ALIAS} at version 1. Being trained
 * from a snapshot, the example can be reproduced like any version. Runs before the
 * service reports ready; a registry that holds any model is left alone, so a restart
 * registers nothing new, and replicas starting together seed once ({@link SeedLock}).
 */
@Component
class ExampleModelSeeder implements ApplicationRunner {

	static final String MODEL = "iris";

	static final String ALIAS = "production";

	private static final String ACTOR = "reproserve-examples";

	private static final Logger log = LoggerFactory.getLogger(ExampleModelSeeder.class);

	private final ExamplesProperties properties;

	private final ModelRegistry registry;

	private final DatasetSnapshots datasets;

	private final TrainingJobs jobs;

	private final ModelServing serving;

	private final JsonMapper json;

	private final DataSource dataSource;

	ExampleModelSeeder(ExamplesProperties properties, ModelRegistry registry, DatasetSnapshots datasets,
			TrainingJobs jobs, ModelServing serving, JsonMapper json, DataSource dataSource) {
		this.dataSource = dataSource;
		this.properties = properties;
		this.registry = registry;
		this.datasets = datasets;
		this.jobs = jobs;
		this.serving = serving;
		this.json = json;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException, SQLException {
		if (!this.properties.enabled() || this.registry.hasModels()) {
			return;
		}
		try (SeedLock lock = SeedLock.acquire(this.dataSource)) {
			if (this.registry.hasModels()) {
				log.info("Another replica seeded the registry first; not seeding the example model");
				return;
			}
			seed();
		}
	}

	private void seed() throws IOException {
		PipelineSpec spec;
		try (InputStream in = new ClassPathResource("examples/iris-spec.json").getInputStream()) {
			spec = this.json.readValue(in, PipelineSpec.class);
		}
		byte[] csv = new ClassPathResource("examples/iris.csv").getContentAsByteArray();
		String dataset = this.datasets.upload(csv, "examples/iris.csv", ACTOR).snapshot().id();
		TrainingJob job = this.jobs.awaitFinished(this.jobs.submit(MODEL, dataset, spec, null, ACTOR).id());
		if (job.status() != TrainingJob.Status.SUCCEEDED) {
			log.info("Did not seed the example model: {}", job.failure().detail());
			return;
		}
		this.serving.moveAlias(MODEL, ALIAS, job.version(), ACTOR,
				"built-in example model, seeded into an empty registry");
		log.info("Seeded the example model '{}' version {} as '{}' (bundle {}, dataset {})", MODEL, job.version(),
				ALIAS, job.bundleSha256(), dataset);
	}

}
