package dev.reproserve.examples;

import org.junit.jupiter.api.Test;

import dev.reproserve.ReproserveApplication;
import dev.reproserve.datasets.CsvTable;
import dev.reproserve.datasets.DatasetSnapshot;
import dev.reproserve.datasets.DatasetSnapshots;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.registry.Reproduction;
import dev.reproserve.registry.ReproductionVerdict;
import dev.reproserve.registry.VersionDetails;
import dev.reproserve.reproduce.ReproductionJobs;
import dev.reproserve.support.TestDatabase;
import dev.reproserve.support.TestModels;
import dev.reproserve.training.TrainingJob;
import dev.reproserve.training.TrainingJobs;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in example is trained like any version, from a snapshot of its data through a
 * training job, so that a fresh installation can prove it: the application started on an
 * empty database of its own reproduces the seeded iris model to the bit.
 */
class ExampleReproductionTests {

	@Test
	void seededExampleReproducesIdenticalOnAFreshStart() {
		TestDatabase database = TestDatabase.create();

		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReproserveApplication.class).run(
				"--server.port=0", "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password())) {
			ModelRegistry registry = context.getBean(ModelRegistry.class);
			VersionDetails iris = registry.version("iris", 1);
			String datasetId = iris.manifest().trainingData().sha256();

			DatasetSnapshot snapshot = context.getBean(DatasetSnapshots.class).snapshot(datasetId);
			assertThat(snapshot.kind()).isEqualTo(DatasetSnapshot.Kind.STORED);
			assertThat(snapshot.name()).isEqualTo("examples/iris.csv");
			assertThat(snapshot.rowCount()).isEqualTo(150);
			assertThat(datasetId).isEqualTo(CsvTable.parse(TestModels.resource("examples/iris.csv")).sha256());
			assertThat(iris.manifest().pipelineSpec()).isNotNull();
			TrainingJob seeding = context.getBean(TrainingJobs.class).jobs(0, 10).items().get(0);
			assertThat(seeding.status()).isEqualTo(TrainingJob.Status.SUCCEEDED);
			assertThat(seeding.datasetId()).isEqualTo(datasetId);
			assertThat(seeding.version()).isEqualTo(1);
			assertThat(seeding.requestedBy()).isEqualTo("reproserve-examples");

			ReproductionJobs jobs = context.getBean(ReproductionJobs.class);
			Reproduction reproduction = jobs.awaitFinished(jobs.submit("iris", 1, null, "test").id()).reproduction();

			assertThat(reproduction.verdict()).as(reproduction.reason()).isEqualTo(ReproductionVerdict.IDENTICAL);
			assertThat(reproduction.reproducedFingerprint()).isEqualTo(iris.manifest().modelFingerprint());
			assertThat(reproduction.differences().propertyNames()).doesNotContain("dataFingerprint", "modelFingerprint",
					"outputs");
			assertThat(registry.version("iris", 1).summary().reproduction()).satisfies((latest) -> {
				assertThat(latest.id()).isEqualTo(reproduction.id());
				assertThat(latest.verdict()).isEqualTo(ReproductionVerdict.IDENTICAL);
			});
		}
	}

}
