package dev.reproserve.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestModels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After PostgreSQL ended every session of the service ({@code pg_terminate_backend}, as a
 * failover or a database restart does), the next reads and writes are served on fresh
 * connections: the pool checks each connection it hands out. Before, the first request
 * after it answered 500.
 */
@ReproserveTest
class DatabaseConnectionLossTests {

	private static final String OTHER_SESSIONS = """
			FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()""";

	@Autowired
	RestTestClient rest;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void readsAndWritesRightAfterTheDatabaseEndedEverySessionSucceed() {
		ReproserveClient admin = new ReproserveClient(this.rest).asAdmin("conn-loss");
		byte[] csv = TestModels.resource("examples/iris.csv");
		String dataset = admin.upload(csv, "iris.csv").get("id").asString();
		for (int round = 0; round < 3; round++) {
			// Once the pool has filled up again, with connections just used: within
			// HikariCP's default 500 ms bypass window, where it handed them out
			// unchecked.
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.jdbc.queryForObject("SELECT count(*) " + OTHER_SESSIONS, Integer.class) >= 3);
			assertThat(admin.get("/api/v1/models").statusCode()).isEqualTo(200);
			assertThat(this.jdbc.queryForObject("SELECT count(pg_terminate_backend(pid)) " + OTHER_SESSIONS,
					Integer.class))
				.isGreaterThanOrEqualTo(3);

			Response read = admin.get("/api/v1/datasets/" + dataset);
			assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
			assertThat(admin.get("/api/v1/models").statusCode()).isEqualTo(200);
			admin.upload(csv, "iris.csv");
		}
	}

}
