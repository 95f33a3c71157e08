package dev.reproserve.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.reproserve.support.TestModels;

import static dev.reproserve.reliability.Drills.MODEL;

/**
 * A replica killed while its training job runs: another replica marks the job failed
 * with the reason, and no version comes of it.
 */
final class KillDuringTraining extends Drill {

	KillDuringTraining() {
		super("kill -9 during a training job");
	}

	@Override
	Row run(Fleet fleet) throws Exception {
		Replica d = fleet.startReplica("d-train", Map.of());
		Replica a = fleet.replicas.get(0);
		Http.Answer dataset = fleet.http.post(a.url("/api/v1/datasets?name=iris"), "text/csv",
				TestModels.resource("examples/iris.csv"));
		check(dataset.status() == 200 || dataset.status() == 201, "iris snapshot: " + dataset);
		String spec = new String(TestModels.resource("examples/iris-spec.json"), StandardCharsets.UTF_8)
			.replace("\"epochs\": 30", "\"epochs\": 400000");
		long versionsBefore = fleet.db.queryLong("SELECT count(*) FROM model_versions");
		Http.Answer submitted = fleet.http.postJson(d.url("/api/v1/trainings"), "{\"modelName\": \"" + MODEL
				+ "\", \"datasetId\": \"" + dataset.json().path("id").asString() + "\", \"spec\": " + spec + "}");
		check(submitted.status() == 202, "training accepted: " + submitted);
		long job = submitted.json().path("id").asLong();
		long requests = 2;
		long waited = System.nanoTime();
		while (!"running".equals(fleet.http.get(a.url("/api/v1/trainings/" + job)).json().path("status").asString())) {
			requests++;
			check(System.nanoTime() - waited < TimeUnit.SECONDS.toNanos(30), "the job starts running");
			Thread.sleep(100);
		}
		Thread.sleep(500);
		d.kill9();
		fleet.replicas.remove(d);
		long killed = System.nanoTime();
		Http.Answer state;
		while (true) {
			state = fleet.http.get(a.url("/api/v1/trainings/" + job));
			requests++;
			if ("failed".equals(state.json().path("status").asString())) {
				break;
			}
			check(System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(60), "the orphaned job is failed within 60 s: " + state);
			Thread.sleep(250);
		}
		long markedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
		long added = fleet.db.queryLong("SELECT count(*) FROM model_versions") - versionsBefore;
		check(added == 0, added + " versions came of a killed training");
		return new Row("kill -9 during a training job", "SIGKILL of the replica running a training job", requests, 0, added,
				true, "job " + job + " failed " + markedMillis + " ms after the kill: " + state.json().path("failure"));
	}

}
