package dev.reproserve.training;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.reproserve.support.Replicas;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestDatabase;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.problem;
import static dev.reproserve.support.TestData.irisSpec;
import static dev.reproserve.support.TestData.request;
import static dev.reproserve.support.TestData.uniqueModel;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serving and training apart: a serve-only replica accepts a training and queues it
 * unclaimed, and a replica that trains claims and runs it. The test's own service trains
 * ({@code mode=all}); the second one only serves.
 */
@ReproserveTest
class TrainingReplicasTests {

	private static ConfigurableApplicationContext serveOnly;

	@Autowired
	RestTestClient rest;

	@BeforeAll
	static void startServeOnlyReplica() {
		serveOnly = Replicas.start(TestDatabase.shared(), "--reproserve.training.mode=serve");
	}

	@AfterAll
	static void stopServeOnlyReplica() {
		serveOnly.close();
	}

	private static ReproserveClient serveOnlyClient() {
		return Replicas.client(serveOnly);
	}

	@Test
	void aServeOnlyReplicaQueuesTheJobAndAReplicaThatTrainsRunsIt() {
		ReproserveClient serving = serveOnlyClient();
		String dataset = serving.upload(TestData.iris(), "iris.csv").path("id").asString();
		String model = uniqueModel("apart");

		JsonNode queued = ReproserveClient.accepted(serving.submit(request(model, dataset, irisSpec(), "tests")));

		assertThat(queued.path("status").asString()).isEqualTo("queued");
		JsonNode job = serving.awaitFinished(queued.path("id").asLong());
		assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
		assertThat(job.path("requestedBy").asString()).isEqualTo("admin");
		assertThat(new ReproserveClient(this.rest).getJson("/api/v1/models/" + model + "/versions/1")
			.path("createdBy")
			.asString()).isEqualTo("admin");
		assertThat(serveOnly.getBean(MeterRegistry.class).find("reproserve.training.jobs").counters()).isEmpty();
	}

	@Test
	void aServeOnlyReplicaRefusesATrainingWithItsDataInTheRequest() {
		ReproserveClient serving = serveOnlyClient();
		String dataset = serving.upload(TestData.iris(), "iris.csv").path("id").asString();

		problem(serving.submitWithData(request(uniqueModel("here"), dataset, irisSpec(), "tests"), TestData.iris()),
				409, "training-not-here", "Training not run here");
	}

}
