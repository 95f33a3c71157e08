package dev.reproserve.training;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.reproserve.failure.DomainException;
import dev.reproserve.ReproserveApplication;
import dev.reproserve.bundle.FeatureType;
import dev.reproserve.bundle.OutputSpec.Kind;
import dev.reproserve.datasets.DatasetSnapshots;
import dev.reproserve.support.TestDatabase;
import dev.reproserve.support.TestModels;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A replica takes as many waiting jobs as {@code reproserve.training.max-queued-jobs}
 * allows and refuses the next with 429, without recording it: one worker, one place in
 * the queue, a long training in the worker.
 */
class TrainingQueueTests {

	@Test
	void refusesAJobWhenTheQueueIsFullAndRecordsNothing() throws InterruptedException {
		TestDatabase database = TestDatabase.create();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReproserveApplication.class).run(
				"--server.port=0", "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--reproserve.examples.enabled=false",
				"--reproserve.training.workers=1", "--reproserve.training.max-queued-jobs=1")) {
			TrainingJobs jobs = context.getBean(TrainingJobs.class);
			String dataset = context.getBean(DatasetSnapshots.class)
				.upload(TestModels.resource("datasets/penguins-complete.csv"), "penguins.csv", "tests")
				.snapshot()
				.id();
			PipelineSpec slow = new PipelineSpec(1, Kind.CLASSIFICATION, "species",
					List.of(new PipelineSpec.Feature("bill_length_mm", FeatureType.NUMERIC),
							new PipelineSpec.Feature("flipper_length_mm", FeatureType.NUMERIC)),
					new PipelineSpec.Trainer("random-forest", Map.of("numTrees", 3000)), 1L, null);

			TrainingJob running = jobs.submit("slow", dataset, slow, null, "tests");
			awaitRunning(jobs, running.id());
			TrainingJob queued = jobs.submit("slow", dataset, slow, null, "tests");

			assertThat(jobs.job(queued.id()).status()).isEqualTo(TrainingJob.Status.QUEUED);
			assertThatThrownBy(() -> jobs.submit("slow", dataset, slow, null, "tests"))
				.isInstanceOfSatisfying(TrainingQueueFullException.class, (ex) -> {
					assertThat(ex.kind()).isEqualTo(DomainException.Kind.BUSY);
					assertThat(ex.slug()).isEqualTo("training-queue-full");
					assertThat(ex.retryAfterSeconds()).isEqualTo(30);
				});
			assertThat(jobs.jobs(0, 10).totalItems()).isEqualTo(2);
		}
	}

	private static void awaitRunning(TrainingJobs jobs, long id) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (jobs.job(id).status() == TrainingJob.Status.QUEUED && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(jobs.job(id).status()).isEqualTo(TrainingJob.Status.RUNNING);
	}

}
