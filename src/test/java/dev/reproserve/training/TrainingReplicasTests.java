package dev.reproserve.training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.reproserve.support.PortForwarder;
import dev.reproserve.support.Replicas;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.TestData;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestDatabase;
import dev.reproserve.support.TestSources;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.problem;
import static dev.reproserve.support.TestData.irisSpec;
import static dev.reproserve.support.TestData.penguinsSpec;
import static dev.reproserve.support.TestData.request;
import static dev.reproserve.support.TestData.uniqueModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Serving and training apart: a serve-only replica accepts a training or a reproduction
 * and queues it unclaimed, and a replica that trains claims and runs it, or, while the
 * SQL source the job reads is down, puts it back to wait for the source and fails it once
 * its retries are spent. The test's own service trains ({@code mode=all}); the second one
 * only serves, and reaches the sources that the first finds down.
 */
@ReproserveTest
class TrainingReplicasTests {

	private static ConfigurableApplicationContext serveOnly;

	@Autowired
	RestTestClient rest;

	@Autowired
	JdbcTemplate jdbc;

	private static final TestSources SOURCES = TestSources.shared();

	@BeforeAll
	static void startServeOnlyReplica() {
		// It reaches the sources that this service finds down: its requests are checked
		// against the source, and the training replica finds it down when it claims them.
		List<String> settings = new ArrayList<>(List.of("--reproserve.training.mode=serve"));
		settings.addAll(List.of(SOURCES.reachableArguments(TestSources.FLAKY, TestSources.DOWN)));
		serveOnly = Replicas.start(TestDatabase.shared(), settings.toArray(String[]::new));
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

	@Test
	void aServeOnlyReplicaQueuesAReproductionAndAReplicaThatTrainsRunsIt() {
		ReproserveClient serving = serveOnlyClient();
		String dataset = serving.upload(TestData.iris(), "iris.csv").path("id").asString();
		String model = uniqueModel("apart");
		int version = serving.train(request(model, dataset, irisSpec(), "tests")).path("version").asInt();

		JsonNode queued = ReproserveClient.reproductionAccepted(serving.reproduce(model, version));

		assertThat(queued.path("status").asString()).isEqualTo("queued");
		assertThat(queued.path("stage").asString()).isEqualTo("waiting for a training replica");
		JsonNode reproduction = ReproserveClient.reproduction(serving.awaitReproduction(queued));
		assertThat(reproduction.path("verdict").asString()).as(reproduction.toString()).isEqualTo("identical");
		assertThat(reproduction.path("requestedBy").asString()).isEqualTo("admin");
		assertThat(serveOnly.getBean(MeterRegistry.class).find("reproserve.reproductions").counters()).isEmpty();
	}

	@Test
	void aServeOnlyReplicaRefusesAReproductionWithItsDataInTheRequest() {
		ReproserveClient training = new ReproserveClient(this.rest);
		byte[] data = TestData.shuffled(TestData.penguins(), 108);
		String dataset = training.registerReference(data, "warehouse: SELECT * FROM penguins").path("id").asString();
		String model = uniqueModel("here");
		training.trainWithData(request(model, dataset, penguinsSpec("cart", "{\"maxDepth\": 3}"), "tests"), data);

		problem(serveOnlyClient().reproduce(model, 1, data), 409, "training-not-here", "Training not run here");
	}

	@Test
	void aClaimedJobWhoseSourceIsDownWaitsForItAndRunsOnceItIsBack() {
		PortForwarder source = SOURCES.flaky();
		source.down();
		ReproserveClient serving = serveOnlyClient();
		String dataset = referenceSnapshot(serving, TestSources.FLAKY);
		String model = uniqueModel("flaky");

		long id = ReproserveClient
			.accepted(serving.submit(request(model, dataset, penguinsSpec("cart", "{}"), "tests")))
			.path("id")
			.asLong();

		JsonNode waiting = await().atMost(ReproserveClient.JOB_TIMEOUT)
			.until(() -> serving.getJson("/api/v1/trainings/" + id),
					(job) -> job.path("stage").asString().startsWith("source flaky unavailable, retry "));
		assertThat(waiting.path("status").asString()).isEqualTo("queued");
		Matcher stage = Pattern.compile("source flaky unavailable, retry ([123]) of 3 at (\\S+)")
			.matcher(waiting.path("stage").asString());
		assertThat(stage.matches()).as(waiting.path("stage").asString()).isTrue();
		assertThat(Instant.parse(stage.group(2))).isAfter(Instant.parse(waiting.path("createdAt").asString()));
		source.up();
		JsonNode job = serving.awaitFinished(id);

		assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
		assertThat(job.path("stage").asString()).isEqualTo("registered version 1");
		assertThat(this.jdbc.queryForObject("SELECT source_retries FROM analytics.training_jobs WHERE job_id = ?",
				Integer.class, id))
			.isBetween(1, 3);
	}

	@Test
	void aClaimedJobWhoseSourceStaysDownFailsWithTheReasonOnceItsRetriesAreSpent() {
		ReproserveClient serving = serveOnlyClient();
		String dataset = referenceSnapshot(serving, TestSources.DOWN);

		long id = ReproserveClient
			.accepted(serving.submit(request(uniqueModel("down"), dataset, penguinsSpec("cart", "{}"), "tests")))
			.path("id")
			.asLong();

		JsonNode job = await().atMost(Duration.ofSeconds(60))
			.until(() -> serving.getJson("/api/v1/trainings/" + id),
					(current) -> current.path("status").asString().equals("failed"));
		assertThat(job.path("failure").path("type").asString()).endsWith("/source-unavailable");
		assertThat(job.path("failure").path("title").asString()).isEqualTo("Source unavailable");
		assertThat(job.path("failure").path("detail").asString()).contains("Source 'down'", "nor on 3 retries",
				"nothing was trained");
		assertThat(this.jdbc.queryForObject("SELECT attempts FROM training_jobs WHERE id = ?", Integer.class, id))
			.isEqualTo(3);
	}

	/** A reference snapshot of penguins taken from a table of the source, by name. */
	private static String referenceSnapshot(ReproserveClient client, String source) {
		String table = "penguins_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		TestSources.loadPenguins(TestSources.PG, table,
				TestSources.penguinsWithIds(ThreadLocalRandom.current().nextLong()));
		Response taken = client.postJson("/api/v1/datasets", "{\"kind\": \"query\", \"source\": \"" + source
				+ "\", \"sql\": \"SELECT * FROM " + table + " ORDER BY id\", \"keep\": \"reference\"}");
		assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
		return taken.json().path("id").asString();
	}

}
