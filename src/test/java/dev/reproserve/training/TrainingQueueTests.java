package dev.reproserve.training;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.reproserve.ReproserveApplication;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.OutputSpec.Kind;
import dev.reproserve.datasets.DatasetSnapshots;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.reproduce.ReproductionJobs;
import dev.reproserve.shared.DomainException;
import dev.reproserve.support.JobGate;
import dev.reproserve.support.TestDatabase;
import dev.reproserve.support.TestModels;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A replica takes as many waiting jobs as {@code reproserve.training.max-queued-jobs}
 * allows and refuses the next with 429, without recording it, a reproduction as well as a
 * training: one worker, held on a latch with the first job, and one place in the queue.
 */
class TrainingQueueTests {

	@Test
	void refusesAJobWhenTheQueueIsFullAndRecordsNothing() {
		TestDatabase database = TestDatabase.create();
		JobGate gate = new JobGate();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReproserveApplication.class)
			.initializers((ctx) -> ((GenericApplicationContext) ctx).registerBean(JobGate.class, () -> gate))
			.run("--server.port=0", "--spring.datasource.url=" + database.jdbcUrl(),
					"--spring.datasource.username=" + database.username(),
					"--spring.datasource.password=" + database.password(), "--reproserve.examples.enabled=false",
					"--reproserve.training.workers=1", "--reproserve.training.max-queued-jobs=1")) {
			TrainingJobs jobs = context.getBean(TrainingJobs.class);
			String dataset = context.getBean(DatasetSnapshots.class)
				.upload(TestModels.resource("datasets/penguins-complete.csv"), "penguins.csv", "tests")
				.snapshot()
				.id();
			PipelineSpec spec = new PipelineSpec(1, Kind.CLASSIFICATION, "species",
					List.of(new PipelineSpec.Feature("bill_length_mm", FeatureType.NUMERIC),
							new PipelineSpec.Feature("flipper_length_mm", FeatureType.NUMERIC)),
					new PipelineSpec.Trainer("cart", Map.of()), 1L, null);

			try (JobGate.Held held = gate.hold("held")) {
				TrainingJob running = jobs.submit("held", dataset, spec, null, "tests");
				await().until(() -> jobs.job(running.id()).status(), TrainingJob.Status.RUNNING::equals);
				TrainingJob queued = jobs.submit("held", dataset, spec, null, "tests");

				assertThat(jobs.job(queued.id()).status()).isEqualTo(TrainingJob.Status.QUEUED);
				assertThatThrownBy(() -> jobs.submit("held", dataset, spec, null, "tests"))
					.isInstanceOfSatisfying(TrainingQueueFullException.class, (ex) -> {
						assertThat(ex.kind()).isEqualTo(DomainException.Kind.BUSY);
						assertThat(ex.slug()).isEqualTo("training-queue-full");
						assertThat(ex.retryAfterSeconds()).isEqualTo(30);
					});
				assertThat(jobs.jobs(0, 10).totalItems()).isEqualTo(2);
				// Reproductions wait in the same queue, bound by the same limit.
				TrainedModel trained = context.getBean(TrainingService.class)
					.train("registered", spec,
							new TrainingData(TestModels.resource("datasets/penguins-complete.csv"), "penguins.csv"));
				context.getBean(ModelRegistry.class).register("registered", trained.bundle(), "tests");
				assertThatThrownBy(() -> context.getBean(ReproductionJobs.class).submit("registered", 1, null, "tests"))
					.isInstanceOf(TrainingQueueFullException.class);
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("SELECT count(*) FROM training_jobs", Long.class)).isEqualTo(2);
			}
		}
	}

}
