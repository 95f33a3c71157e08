package dev.reproserve.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.reproserve.support.TestModels;

import static dev.reproserve.reliability.Drills.ADMIN_KEY;
import static dev.reproserve.reliability.Drills.MODEL;

/**
 * A replica killed while registrations stream in (at random points of the body and
 * of the transaction): every version row has its whole bundle, whose SHA-256 matches.
 */
final class KillDuringRegistration extends Drill {

	KillDuringRegistration() {
		super("kill -9 during a registration");
	}

	@Override
	Row run(Fleet fleet) throws Exception {
		long requests = 0;
		long rounds = 3;
		for (int round = 0; round < rounds; round++) {
			Replica d = fleet.startReplica("d-register-" + round, Map.of());
			byte[] bundle = TestModels.rewrittenAt(fleet.iris, 1_950_000_000L + round);
			long killAfter = 200 + ThreadLocalRandom.current().nextInt(1500);
			Thread sender = Fleet.started(() -> Http.rawSlow(d.port, "POST /api/v1/models/" + MODEL
					+ "/versions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN_KEY
					+ "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bundle.length + "\r\n\r\n", bundle,
					Duration.ofMillis(1000)));
			Thread.sleep(killAfter);
			d.kill9();
			sender.join(10_000);
			fleet.replicas.remove(d);
			requests++;
		}
		long broken = fleet.db.queryLong("SELECT count(*) FROM model_versions v LEFT JOIN bundles b ON b.sha256 = v.bundle_sha256"
				+ " WHERE (b.sha256 IS NULL OR encode(sha256(b.content), 'hex') <> v.bundle_sha256) AND v.bundle_sha256 <> '"
				+ fleet.alteredSha256 + "'");
		long numbering = fleet.db.queryLong("SELECT count(*) FROM models m WHERE m.last_version <> "
				+ "(SELECT coalesce(max(version), 0) FROM model_versions v WHERE v.model_id = m.id)");
		fleet.versions = (int) fleet.db.queryLong("SELECT last_version FROM models WHERE name = '" + MODEL + "'");
		check(broken == 0 && numbering == 0, broken + " versions without their whole bundle, " + numbering + " gaps in numbering");
		return new Row("kill -9 during a registration", rounds + " replicas killed at random points of a registration",
				requests, 0, broken + numbering, true, "every version row has its whole bundle; numbering gap-free");
	}

}
