package dev.reproserve.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.reproserve.reliability.Drills.ADMIN_KEY;
import static dev.reproserve.reliability.Drills.MODEL;

/** Uploads over the limits: 413 before the body is read, and the heap stays bounded. */
final class OversizedUploads extends Drill {

	OversizedUploads() {
		super("oversized uploads");
	}

	@Override
	Row run(Fleet fleet) throws Exception {
		Replica a = fleet.replicas.get(0);
		long heapBefore = fleet.heapUsed(a);
		long gib = 1L << 30;
		Map<String, String> heads = new LinkedHashMap<>();
		heads.put("bundle, 1 GiB declared", "POST /api/v1/models/" + MODEL + "/versions HTTP/1.1\r\nHost: x\r\n"
				+ "Authorization: Bearer " + ADMIN_KEY + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + gib
				+ "\r\n\r\n");
		heads.put("dataset, 1 GiB declared", "POST /api/v1/datasets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
				+ ADMIN_KEY + "\r\nContent-Type: text/csv\r\nContent-Length: " + gib + "\r\n\r\n");
		heads.put("multipart bundle, 1 GiB declared", "POST /api/v1/models/" + MODEL + "/versions HTTP/1.1\r\nHost: x\r\n"
				+ "Authorization: Bearer " + ADMIN_KEY + "\r\nContent-Type: multipart/form-data; boundary=xyz\r\n"
				+ "Content-Length: " + gib + "\r\n\r\n--xyz\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"b\"\r\n\r\n");
		List<String> outcomes = new ArrayList<>();
		long failures = 0;
		long requests = 0;
		for (Map.Entry<String, String> head : heads.entrySet()) {
			long started = System.nanoTime();
			// 4 MiB of the declared 1 GiB: an answer must come without the rest.
			String answer = Http.raw(a.port, head.getValue(), 4L << 20, Duration.ofSeconds(10));
			requests++;
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			boolean ok = answer.startsWith("HTTP/1.1 413") && answer.contains("application/problem+json");
			if (!ok) {
				failures++;
			}
			outcomes.add(head.getKey() + ": " + (ok ? "413 in " + millis + " ms" : Http.lines(answer).get(0)));
		}
		// A chunked bundle with no declared length, 80 MiB against the 64 MB limit: read
		// up to the limit, then 413.
		String chunkedHead = "POST /api/v1/models/" + MODEL + "/versions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
				+ ADMIN_KEY + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
		String chunked = Http.rawChunked(a.port, chunkedHead, 80L << 20, Duration.ofSeconds(60));
		requests++;
		boolean chunkedOk = chunked.startsWith("HTTP/1.1 413") && chunked.contains("application/problem+json");
		if (!chunkedOk) {
			failures++;
		}
		outcomes.add("chunked bundle of 80 MiB: " + Http.lines(chunked).get(0));
		long heapPeak = fleet.heapMax(a);
		long heapAfter = fleet.heapUsed(a);
		check(failures == 0, String.join("; ", outcomes));
		check(fleet.http.predict(a, MODEL, "production").status() == 200, "still serving");
		return new Row("oversized uploads", "declared 1 GiB bundle, dataset and multipart uploads; an 80 MiB chunked bundle",
				requests, failures, 0, true, String.join("; ", outcomes) + "; heap " + heapBefore / (1 << 20) + " MiB before, "
						+ heapAfter / (1 << 20) + " MiB after, " + heapPeak / (1 << 20) + " MiB the most the JVM held (-Xmx768m)");
	}

}
