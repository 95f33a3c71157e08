package dev.reproserve.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.reproserve.reliability.Drills.ADMIN_KEY;

/** A replica killed during a dataset upload: the snapshot exists whole, or not at all. */
final class KillDuringDatasetUpload extends Drill {

	KillDuringDatasetUpload() {
		super("kill -9 during a dataset upload");
	}

	@Override
	Row run(Fleet fleet) throws Exception {
		long requests = 0;
		StringBuilder csv = new StringBuilder("a,b,c\n");
		for (int i = 0; csv.length() < (8 << 20); i++) {
			csv.append(i).append(',').append(i * 0.5).append(",x").append(i % 97).append('\n');
		}
		byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
		for (int round = 0; round < 3; round++) {
			Replica d = fleet.startReplica("d-upload-" + round, Map.of());
			Thread sender = Fleet.started(() -> Http.rawSlow(d.port, "POST /api/v1/datasets?name=drill HTTP/1.1\r\n"
					+ "Host: x\r\nAuthorization: Bearer " + ADMIN_KEY + "\r\nContent-Type: text/csv\r\nContent-Length: "
					+ body.length + "\r\n\r\n", body, Duration.ofMillis(1500)));
			Thread.sleep(300 + ThreadLocalRandom.current().nextInt(2000));
			d.kill9();
			sender.join(10_000);
			fleet.replicas.remove(d);
			requests++;
		}
		long broken = fleet.db.queryLong("SELECT count(*) FROM dataset_snapshots WHERE kind = 'stored'"
				+ " AND (content IS NULL OR row_count IS NULL OR octet_length(content) = 0)");
		long listed = 0;
		for (List<Object> id : fleet.db.query("SELECT id FROM dataset_snapshots")) {
			Http.Answer answer = fleet.http.get(fleet.replicas.get(0).url("/api/v1/datasets/" + id.get(0)));
			requests++;
			if (answer.status() != 200) {
				broken++;
			}
			listed++;
		}
		check(broken == 0, broken + " snapshots half-written");
		return new Row("kill -9 during a dataset upload", "3 replicas killed at random points of an 8 MiB CSV upload", requests,
				0, broken, true, listed + " snapshots, each whole and readable");
	}

}
