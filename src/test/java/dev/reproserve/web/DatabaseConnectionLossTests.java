package dev.reproserve.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.reproserve.shared.DatabaseFailures;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestModels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
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

	@Autowired
	DataSource dataSource;

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
			// In the select list, so it runs only on the rows the WHERE kept (never on
			// this session).
			List<Integer> ended = this.jdbc.query("SELECT pid, pg_terminate_backend(pid) " + OTHER_SESSIONS,
					(row, n) -> row.getInt(1));
			assertThat(ended).hasSizeGreaterThanOrEqualTo(3);
			// pg_terminate_backend only signals: wait until those sessions are gone, as
			// after a restart or a failover, rather than racing them.
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(?)",
						Integer.class, (Object) ended.toArray(Integer[]::new)) == 0);

			Response read = admin.get("/api/v1/datasets/" + dataset);
			assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
			assertThat(admin.get("/api/v1/models").statusCode()).isEqualTo(200);
			admin.upload(csv, "iris.csv");
		}
	}

	/**
	 * A request whose connection is lost while it runs (the session ended between the
	 * pool's check and the query) is a 503 the client may retry, not a 500, even when
	 * Spring reports the rollback that failed on the closed connection instead of the
	 * query.
	 */
	@Test
	void aRollbackOnAConnectionThePoolClosedIsTheDatabaseUnavailable() throws Exception {
		Connection connection = this.dataSource.getConnection();
		connection.close();
		SQLException closed = catchThrowableOfType(SQLException.class, connection::rollback);
		assertThat((Throwable) closed).isNotNull();
		assertThat(DatabaseFailures.isUnavailable(new JpaSystemException(new RuntimeException(closed)))).isTrue();
		assertThat(DatabaseFailures.isUnavailable(new JpaSystemException(new RuntimeException(new SQLException("no")))))
			.isFalse();
	}

}
