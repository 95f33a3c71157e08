package dev.reproserve.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dataset snapshots, training jobs and reproductions as a client drives them over real
 * HTTP on the service's port.
 */
public final class ReproserveClient {

	/** How long a test waits for a job that trains in well under a second. */
	public static final Duration JOB_TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final int port;

	public ReproserveClient(int port) {
		this.port = port;
	}

	// Datasets

	/** Takes a stored snapshot (or finds the one that exists) and returns it. */
	public JsonNode upload(byte[] csv, String name) {
		HttpResponse<String> response = post("/api/v1/datasets?actor=tests&name=" + encode(name), "text/csv", csv);
		assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
		JsonNode snapshot = json(response);
		assertThat(snapshot.path("kind").asString()).isEqualTo("stored");
		return snapshot;
	}

	/** Registers a reference snapshot of the given data, which it does not send. */
	public JsonNode registerReference(byte[] csv, String source) {
		ObjectNode body = JSON.createObjectNode();
		body.put("kind", "reference");
		body.put("sha256", TestData.datasetId(csv));
		body.put("source", source);
		body.put("asOf", "2025-01-31T23:00:00Z");
		HttpResponse<String> response = postJson("/api/v1/datasets?actor=tests", JSON.writeValueAsString(body));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response);
	}

	// Training jobs

	public HttpResponse<String> submit(String request) {
		return postJson("/api/v1/trainings", request);
	}

	/** The multipart form: part {@code request} (JSON) and part {@code data} (CSV). */
	public HttpResponse<String> submitWithData(String request, byte[] csv) {
		Multipart body = new Multipart()
			.part("request", null, "application/json", request.getBytes(StandardCharsets.UTF_8))
			.file("data", "data.csv", "text/csv", csv);
		return post("/api/v1/trainings", body.contentType(), body.bytes());
	}

	/** Checks the 202 answer of a submission and returns the queued job. */
	public static JsonNode accepted(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode job = json(response);
		assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/trainings/" + job.path("id").asLong());
		assertThat(job.path("status").asString()).isIn("queued", "running", "succeeded");
		return job;
	}

	/** Polls a job until it has succeeded or failed. */
	public JsonNode awaitFinished(long jobId) {
		return await().atMost(JOB_TIMEOUT).until(() -> {
			HttpResponse<String> response = get("/api/v1/trainings/" + jobId);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return json(response);
		}, (job) -> List.of("succeeded", "failed").contains(job.path("status").asString()));
	}

	/** Submits a training, waits for it and checks that it succeeded. */
	public JsonNode train(String request) {
		return succeeded(awaitFinished(accepted(submit(request)).path("id").asLong()));
	}

	/** As {@link #train(String)}, with the data in the request. */
	public JsonNode trainWithData(String request, byte[] csv) {
		return succeeded(awaitFinished(accepted(submitWithData(request, csv)).path("id").asLong()));
	}

	private static JsonNode succeeded(JsonNode job) {
		assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
		return job;
	}

	// Reproductions

	public HttpResponse<String> reproduce(String model, int version) {
		return post(reproductions(model, version) + "?actor=tests", null, null);
	}

	public HttpResponse<String> reproduce(String model, int version, byte[] csv) {
		return post(reproductions(model, version) + "?actor=tests", "text/csv", csv);
	}

	/** Reproduces a version and checks the 201 answer. */
	public JsonNode reproduced(String model, int version) {
		return created(reproduce(model, version));
	}

	/** Reproduces a version with the given training data and checks the 201 answer. */
	public JsonNode reproduced(String model, int version, byte[] csv) {
		return created(reproduce(model, version, csv));
	}

	public static JsonNode created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response);
	}

	public static String reproductions(String model, int version) {
		return "/api/v1/models/" + model + "/versions/" + version + "/reproductions";
	}

	// HTTP

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	public JsonNode getJson(String path) {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	public HttpResponse<String> postJson(String path, String json) {
		return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
	}

	/** A POST; without a content type, a POST without a body. */
	public HttpResponse<String> post(String path, String contentType, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		if (contentType == null) {
			return send(request.POST(BodyPublishers.noBody()).build());
		}
		return send(request.header("Content-Type", contentType).POST(BodyPublishers.ofByteArray(body)).build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
