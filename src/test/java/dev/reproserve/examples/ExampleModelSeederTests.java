package dev.reproserve.examples;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.ReproserveApplication;
import dev.reproserve.datasets.DatasetSnapshots;
import dev.reproserve.registry.ModelAliases;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.serving.ModelServing;
import dev.reproserve.serving.Prediction;
import dev.reproserve.support.TestDatabase;
import dev.reproserve.support.TestModels;
import dev.reproserve.training.TrainingJobs;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./mvnw spring-boot:run} does on a fresh database, and again on a restart:
 * the application itself, started twice on an empty database of its own.
 */
class ExampleModelSeederTests {

	@Test
	void seedsAnEmptyRegistryOnceAndServesIrisAsProduction() {
		TestDatabase database = TestDatabase.create();

		try (ConfigurableApplicationContext first = start(database)) {
			ModelRegistry registry = first.getBean(ModelRegistry.class);
			assertThat(registry.listModels()).singleElement().satisfies((model) -> {
				assertThat(model.name()).isEqualTo("iris");
				assertThat(model.latestVersion()).isEqualTo(1);
				assertThat(model.aliases()).containsEntry("production", 1);
			});
			Prediction prediction = first.getBean(ModelServing.class)
				.predictWithAlias("iris", "production", null, List.of(TestModels.setosa()));
			assertThat(prediction.outputs().get(0).label()).isEqualTo("setosa");
			assertThat(registry.version("iris", 1).manifest().training().seeds()).containsEntry("trainer", 42L);
		}

		try (ConfigurableApplicationContext second = start(database)) {
			ModelRegistry registry = second.getBean(ModelRegistry.class);
			ModelAliases aliases = second.getBean(ModelAliases.class);
			assertThat(registry.listModels()).singleElement()
				.satisfies((model) -> assertThat(model.latestVersion()).isEqualTo(1));
			assertThat(aliases.history("iris", 0, 10).items()).hasSize(1);
		}
	}

	@Test
	void replicasStartingTogetherSeedOnce() throws Exception {
		TestDatabase database = TestDatabase.create();

		// Two replicas on one empty database; their seeders run at the same moment.
		try (ConfigurableApplicationContext a = start(database, "--reproserve.examples.enabled=false");
				ConfigurableApplicationContext b = start(database, "--reproserve.examples.enabled=false")) {
			CountDownLatch go = new CountDownLatch(1);
			List<CompletableFuture<Void>> seeding = Stream.of(a, b)
				.map((replica) -> seeder(replica, go))
				.map(CompletableFuture::runAsync)
				.toList();
			go.countDown();
			seeding.forEach(CompletableFuture::join);

			// One of them trained; the other waited for it and found the model there.
			assertThat(a.getBean(TrainingJobs.class).jobs(0, 10).totalItems()).isEqualTo(1);
			ModelRegistry registry = a.getBean(ModelRegistry.class);
			ModelAliases aliases = a.getBean(ModelAliases.class);
			assertThat(aliases.history("iris", 0, 10).items()).hasSize(1);
			assertThat(registry.listModels()).singleElement()
				.satisfies((model) -> assertThat(model.aliases()).containsEntry("production", 1));
			assertThat(b.getBean(ModelServing.class)
				.predictWithAlias("iris", "production", null, List.of(TestModels.setosa()))
				.outputs()
				.get(0)
				.label()).isEqualTo("setosa");
		}
	}

	@Test
	void leavesTheRegistryEmptyWhenDisabled() {
		TestDatabase database = TestDatabase.create();

		try (ConfigurableApplicationContext context = start(database, "--reproserve.examples.enabled=false")) {
			assertThat(context.getBean(ModelRegistry.class).hasModels()).isFalse();
		}
	}

	/** The replica's own seeder, enabled, run once the latch opens. */
	private static Runnable seeder(ConfigurableApplicationContext replica, CountDownLatch go) {
		ExampleModelSeeder seeder = new ExampleModelSeeder(new ExamplesProperties(true),
				replica.getBean(ModelRegistry.class), replica.getBean(DatasetSnapshots.class),
				replica.getBean(TrainingJobs.class), replica.getBean(ModelServing.class),
				replica.getBean(JsonMapper.class), replica.getBean(DataSource.class));
		return () -> {
			try {
				go.await();
				seeder.run(null);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		};
	}

	private static ConfigurableApplicationContext start(TestDatabase database, String... extra) {
		List<String> args = new java.util.ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password()));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(ReproserveApplication.class).run(args.toArray(String[]::new));
	}

}
