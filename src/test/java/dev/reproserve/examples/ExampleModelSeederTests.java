package dev.reproserve.examples;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.reproserve.ReproserveApplication;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.serving.ModelServing;
import dev.reproserve.serving.Prediction;
import dev.reproserve.support.TestDatabase;
import dev.reproserve.support.TestModels;

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
			assertThat(registry.listModels()).singleElement()
				.satisfies((model) -> assertThat(model.latestVersion()).isEqualTo(1));
			assertThat(registry.history("iris", 0, 10).items()).hasSize(1);
		}
	}

	@Test
	void leavesTheRegistryEmptyWhenDisabled() {
		TestDatabase database = TestDatabase.create();

		try (ConfigurableApplicationContext context = start(database, "--reproserve.examples.enabled=false")) {
			assertThat(context.getBean(ModelRegistry.class).hasModels()).isFalse();
		}
	}

	private static ConfigurableApplicationContext start(TestDatabase database, String... extra) {
		List<String> args = new java.util.ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password()));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(ReproserveApplication.class).run(args.toArray(String[]::new));
	}

}
