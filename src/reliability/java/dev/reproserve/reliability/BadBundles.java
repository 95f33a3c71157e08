package dev.reproserve.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import org.tribuo.protos.core.ModelProto;

import dev.reproserve.bundle.DependencyList;
import dev.reproserve.bundle.ManifestJson;
import dev.reproserve.support.TestModels;

import static dev.reproserve.reliability.Drills.MODEL;

/**
 * Crafted bundles are refused at registration (before Tribuo deserializes anything where
 * possible) and nothing is stored; a stored bundle altered behind the service's back is
 * refused at load, the version marked failed with its reason, the old version serving.
 */
final class BadBundles extends Drill {

	BadBundles() {
		super("bad bundles");
	}

	@Override
	Row run(Fleet fleet) throws Exception {
		Replica a = fleet.replicas.get(0);
		long versionsBefore = fleet.db.queryLong("SELECT count(*) FROM model_versions");
		long bundlesBefore = fleet.db.queryLong("SELECT count(*) FROM bundles");
		byte[] good = TestModels.rewrittenAt(fleet.iris, 1_900_000_000L);
		byte[] manifest = ManifestJson.write(fleet.iris.manifest());
		ModelProto proto = fleet.iris.model().serialize();

		Map<String, byte[]> bad = new LinkedHashMap<>();
		byte[] corrupted = good.clone();
		for (int i = corrupted.length / 3; i < corrupted.length / 3 + 64; i++) {
			corrupted[i] ^= 0x5a;
		}
		bad.put("corrupted", corrupted);
		bad.put("truncated", java.util.Arrays.copyOf(good, good.length / 2));
		bad.put("class off the allow-list",
				zip(manifest, proto.toBuilder().setClassName("java.lang.ProcessBuilder").build().toByteArray()));
		bad.put("protobuf embedding a Java-serialized blob", zip(manifest,
				proto.toBuilder()
					.setSerializedData(Any.newBuilder()
						.setTypeUrl("type.googleapis.com/java.util.HashMap")
						.setValue(ByteString.copyFrom(javaSerialized())))
					.build()
					.toByteArray()));
		DependencyList recorded = fleet.iris.manifest().dependencies();
		bad.put("another Tribuo version",
				zip(ManifestJson.write(fleet.iris.manifest()
					.withDependencies(new DependencyList("4.2.1", recorded.java(), recorded.javaVendor(),
							recorded.reproserve(), recorded.osName(), recorded.osArch(), recorded.reproserveCommit()))),
						proto.toByteArray()));
		long requests = 0;
		long failures = 0;
		List<String> reasons = new ArrayList<>();
		for (Map.Entry<String, byte[]> bundle : bad.entrySet()) {
			Http.Answer answer = fleet.http.post(a.url("/api/v1/models/" + MODEL + "/versions"), "application/octet-stream",
					bundle.getValue());
			requests++;
			if (answer.status() != 422 || !answer.isProblem()) {
				failures++;
				reasons.add(bundle.getKey() + ": " + answer);
			}
			else {
				reasons.add(bundle.getKey() + ": 422 " + answer.json().path("reason").asString());
			}
			Http.Answer serving = fleet.http.predict(a, MODEL, "production");
			requests++;
			check(serving.status() == 200, "production still serves after the " + bundle.getKey() + " bundle");
		}
		long lost = Math.abs(fleet.db.queryLong("SELECT count(*) FROM model_versions") - versionsBefore)
				+ Math.abs(fleet.db.queryLong("SELECT count(*) FROM bundles") - bundlesBefore);
		check(failures == 0, "every crafted bundle refused with 422 problem+json: " + reasons);
		check(lost == 0, "nothing stored for a refused bundle");

		// Altered after registration: the SHA-256 no longer matches at load.
		int victim = fleet.registerVersion();
		String sha = (String) fleet.db
			.query("SELECT v.bundle_sha256 FROM model_versions v JOIN models m ON m.id = v.model_id WHERE m.name = '"
					+ MODEL + "' AND v.version = " + victim)
			.get(0)
			.get(0);
		fleet.alteredSha256 = sha;
		fleet.db.executeAsSuperuser(
				"UPDATE bundles SET content = overlay(content placing '\\x00'::bytea from 300 for 1) WHERE sha256 = '" + sha + "'");
		int serving = Http.version(fleet.http.predict(a, MODEL, "production"));
		Http.Answer move = fleet.http.moveAlias(fleet.replicas.get(1), MODEL, "production", victim, "drill: altered bundle");
		requests += 2;
		check(move.status() == 409 && move.isProblem(), "moving production to the altered version is refused: " + move);
		List<List<Object>> status = fleet.db.query(
				"SELECT s.status, s.detail FROM version_status_events s JOIN model_versions v ON v.id = s.version_id"
						+ " JOIN models m ON m.id = v.model_id WHERE m.name = '" + MODEL + "' AND v.version = " + victim
						+ " ORDER BY s.id DESC LIMIT 1");
		check(!status.isEmpty() && "failed".equals(status.get(0).get(0)) && String.valueOf(status.get(0).get(1)).contains("altered"),
				"the altered version is marked failed with its reason: " + status);
		for (Replica replica : fleet.replicas) {
			Http.Answer still = fleet.http.predict(replica, MODEL, "production");
			requests++;
			check(Http.version(still) == serving, replica.name + " still serves version " + serving + ": " + still);
		}
		return new Row("bad bundles",
				"registered " + bad.size() + " crafted bundles; altered a stored one and tried to promote it", requests,
				failures, lost, true, String.join("; ", reasons) + "; altered: 409, version " + victim + " " + status.get(0).get(0)
						+ " (" + status.get(0).get(1) + ")");
	}

	private static byte[] zip(byte[] manifest, byte[] model) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("manifest.json"));
			zip.write(manifest);
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("model.tribuo.pb"));
			zip.write(model);
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

	private static byte[] javaSerialized() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new java.util.HashMap<>(Map.of("payload", "would run on deserialization")));
		}
		return bytes.toByteArray();
	}

}
