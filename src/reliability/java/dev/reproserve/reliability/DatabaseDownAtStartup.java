package dev.reproserve.reliability;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.reproserve.reliability.Drills.MODEL;

/**
 * Without its database a replica waits (Flyway's connect retries), then exits saying
 * which database; it never answers ready. With the database coming up while it waits,
 * it starts and serves.
 */
final class DatabaseDownAtStartup extends Drill {

	DatabaseDownAtStartup() {
		super("database down at startup");
	}

	@Override
	Row run(Fleet fleet) throws Exception {
		fleet.db.stop();
		Replica early = Replica.start("no-database", fleet.basePort + 8, fleet.db, fleet.jar, fleet.logs,
				Map.of("SPRING_FLYWAY_CONNECT_RETRIES", "3", "SPRING_FLYWAY_CONNECT_RETRIES_INTERVAL", "1s"));
		long probes = 0;
		long readyAnswers = 0;
		Integer exit = null;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (exit == null && System.nanoTime() < deadline) {
			probes++;
			if (fleet.http.get(early.url("/actuator/health/readiness")).status() == 200) {
				readyAnswers++;
			}
			exit = early.awaitExit(Duration.ofMillis(250));
		}
		early.close();
		String log = Files.readString(early.log);
		check(exit != null && exit != 0, "a replica without its database exited (" + exit + ")");
		check(log.contains("Could not reach the registry database at " + fleet.db.url()),
				"the exit message names the database");
		check(readyAnswers == 0, "never answered ready without its database");

		// Waits: the database comes up 5 s after the replica starts.
		Replica waiting = Replica.start("a", fleet.basePort + 1, fleet.db, fleet.jar, fleet.logs,
				Map.of("SPRING_FLYWAY_CONNECT_RETRIES", "30", "SPRING_FLYWAY_CONNECT_RETRIES_INTERVAL", "1s"));
		fleet.replicas.add(waiting);
		for (int i = 0; i < 20; i++) {
			probes++;
			if (fleet.http.get(waiting.url("/actuator/health/readiness")).status() == 200) {
				readyAnswers++;
			}
			Thread.sleep(250);
		}
		fleet.db.start();
		waiting.awaitReady(fleet.http, Duration.ofSeconds(120));
		Http.Answer predicted = fleet.http.predict(waiting, MODEL, "production");
		check(predicted.status() == 200, "the replica that waited serves: " + predicted);
		check(readyAnswers == 0, "not ready before its database and models were there");
		return new Row("database down at startup",
				"started a replica with the cluster stopped; then one that waited while the cluster came up",
				probes + 1, 0, 0, true, "exit code " + exit + " with a one-paragraph message after 3 retries; "
						+ "the second replica became ready after the database came up and served version " + Http.version(predicted));
	}

}
