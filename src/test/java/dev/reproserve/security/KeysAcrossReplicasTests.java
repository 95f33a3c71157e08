package dev.reproserve.security;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.reproserve.support.Replicas;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keys on two replicas of one database: a key made on one works on the other, a key
 * revoked on one is refused by the other within a second; and a replica opened to
 * anonymous predictions lets those through and nothing else.
 */
@ReproserveTest
class KeysAcrossReplicasTests {

	private static ConfigurableApplicationContext second;

	@Autowired
	RestTestClient rest;

	@BeforeAll
	static void startSecondReplica() {
		second = Replicas.start(TestDatabase.shared(), "--reproserve.security.anonymous-roles=predict");
	}

	@AfterAll
	static void stopSecondReplica() {
		second.close();
	}

	private static ReproserveClient secondReplica() {
		return Replicas.client(second);
	}

	@Test
	void aKeyRevokedOnOneReplicaIsRefusedByTheOtherWithinASecond() {
		ReproserveClient first = new ReproserveClient(this.rest);
		String name = TestData.uniqueModel("shared");
		String secret = first.as(name, "read").keySecret();
		await().atMost(Duration.ofSeconds(1))
			.until(() -> secondReplica().withKey(secret).get("/api/v1/models").statusCode() == 200);

		assertThat(first.send(org.springframework.http.HttpMethod.DELETE, "/api/v1/keys/" + name).statusCode())
			.isEqualTo(200);

		await().atMost(Duration.ofSeconds(1))
			.until(() -> secondReplica().withKey(secret).get("/api/v1/models").statusCode() == 401);
		problem(secondReplica().withKey(secret).get("/api/v1/models"), 401, "invalid-key", "Invalid API key");
	}

	@Test
	void aReplicaOpenToAnonymousPredictionsOpensNothingElse() {
		ReproserveClient anonymous = secondReplica().withKey(null);

		// No such model: the request got past the key check, and only that.
		problem(anonymous.postJson("/api/v1/models/no-such-model/versions/1/predict", "{\"instances\":[{}]}"), 404,
				"model-not-found", "Model not found");
		problem(anonymous.get("/api/v1/models"), 401, "unauthorized", "Unauthorized");
		problem(anonymous.postJson("/api/v1/keys", "{\"name\":\"sneaky\",\"role\":\"admin\"}"), 401, "unauthorized",
				"Unauthorized");
		// A key never takes away what no key gives: a read key may predict here too.
		String reader = new ReproserveClient(this.rest).as(TestData.uniqueModel("reader"), "read").keySecret();
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> problem(
					secondReplica().withKey(reader)
						.postJson("/api/v1/models/no-such-model/versions/1/predict", "{\"instances\":[{}]}"),
					404, "model-not-found", "Model not found"));
	}

}
