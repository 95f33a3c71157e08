package dev.reproserve.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.RequestBodySpec;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as a client drives it over real HTTP: Spring's {@link RestTestClient} bound
 * to the running server, with the calls the tests share (dataset snapshots, training
 * jobs, reproductions) and plain requests that answer a {@link Response} whatever the
 * status.
 */
public final class ReproserveClient {

	/** How long a test waits for a job that trains in well under a second. */
	public static final Duration JOB_TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestTestClient rest;

	private final @Nullable String key;

	/**
	 * A client on the test's own server (the auto-configured {@link RestTestClient}),
	 * sending the tests' admin key.
	 */
	public ReproserveClient(RestTestClient rest) {
		this(rest, TestKeys.ADMIN);
	}

	private ReproserveClient(RestTestClient rest, @Nullable String key) {
		this.rest = rest;
		this.key = key;
	}

	/** A client on another server of the test, started on the given port. */
	public static ReproserveClient onPort(int port) {
		return new ReproserveClient(RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build());
	}

	/** The secret this client sends. */
	public @Nullable String keySecret() {
		return this.key;
	}

	/** The same server with another key, or none where {@code key} is null. */
	public ReproserveClient withKey(@Nullable String key) {
		return new ReproserveClient(this.rest, key);
	}

	/**
	 * The same server with a new key of the given name and role, created with this
	 * client's key (which must be an admin's).
	 */
	public ReproserveClient as(String name, String role) {
		Response created = postJson("/api/v1/keys", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return withKey(created.json().path("key").asString());
	}

	/**
	 * The same server with a new admin key of a name made unique with the given prefix.
	 */
	public ReproserveClient asAdmin(String prefix) {
		return as(TestData.uniqueModel(prefix), "admin");
	}

	// Datasets

	/** Takes a stored snapshot (or finds the one that exists) and returns it. */
	public JsonNode upload(byte[] csv, String name) {
		Response response = post("/api/v1/datasets?actor=tests&name=" + encode(name), "text/csv", csv);
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
		Response response = postJson("/api/v1/datasets?actor=tests", JSON.writeValueAsString(body));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response);
	}

	// Training jobs

	public Response submit(String request) {
		return postJson("/api/v1/trainings", request);
	}

	/** The multipart form: part {@code request} (JSON) and part {@code data} (CSV). */
	public Response submitWithData(String request, byte[] csv) {
		return postParts("/api/v1/trainings",
				part("request", null, "application/json", request.getBytes(StandardCharsets.UTF_8)),
				part("data", "data.csv", "text/csv", csv));
	}

	/**
	 * Takes a snapshot of the data, then asks for a training job on it; the answer is
	 * that of the submission.
	 */
	public Response submitOn(byte[] csv, String model, String spec) {
		String datasetId = upload(csv, "data.csv").path("id").asString();
		return submit(TestData.request(model, datasetId, spec, "tests"));
	}

	/** Checks the 202 answer of a submission and returns the queued job. */
	public static JsonNode accepted(Response response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode job = json(response);
		assertThat(response.header("Location")).hasValue("/api/v1/trainings/" + job.path("id").asLong());
		assertThat(job.path("status").asString()).isIn("queued", "running", "succeeded");
		return job;
	}

	/** Polls a job until it has succeeded or failed. */
	public JsonNode awaitFinished(long jobId) {
		return await().atMost(JOB_TIMEOUT).until(() -> {
			return getJson("/api/v1/trainings/" + jobId);
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

	public Response reproduce(String model, int version) {
		return send(HttpMethod.POST, reproductions(model, version) + "?actor=tests");
	}

	public Response reproduce(String model, int version, byte[] csv) {
		return post(reproductions(model, version) + "?actor=tests", "text/csv", csv);
	}

	/**
	 * Reproduces a version: checks the 202 answer, waits for the job and returns the
	 * reproduction it recorded.
	 */
	public JsonNode reproduced(String model, int version) {
		return reproduction(awaitReproduction(reproductionAccepted(reproduce(model, version))));
	}

	/** As {@link #reproduced(String, int)}, with the given training data. */
	public JsonNode reproduced(String model, int version, byte[] csv) {
		return reproduction(awaitReproduction(reproductionAccepted(reproduce(model, version, csv))));
	}

	/**
	 * Checks the 202 answer of a reproduction request: the job, at the URL of its
	 * {@code Location}, which the returned job carries as {@code location}.
	 */
	public static ObjectNode reproductionAccepted(Response response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		ObjectNode job = (ObjectNode) json(response);
		String location = response.header("Location").orElseThrow();
		assertThat(location).isEqualTo(reproductions(job.path("model").asString(), job.path("version").asInt())
			.replace("/reproductions", "/reproduction-jobs/") + job.path("id").asLong());
		assertThat(job.path("status").asString()).isIn("queued", "running", "succeeded");
		job.put("location", location);
		return job;
	}

	/**
	 * Polls a reproduction job (as {@link #reproductionAccepted} returns it) until it has
	 * finished.
	 */
	public JsonNode awaitReproduction(JsonNode job) {
		String location = job.path("location").asString();
		return await().atMost(JOB_TIMEOUT)
			.until(() -> getJson(location),
					(current) -> List.of("succeeded", "failed").contains(current.path("status").asString()));
	}

	/** The reproduction a finished job recorded, checking that it succeeded. */
	public static JsonNode reproduction(JsonNode job) {
		assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
		assertThat(job.path("progress").asDouble()).isEqualTo(1.0);
		JsonNode reproduction = job.path("reproduction");
		assertThat(job.path("stage").asString()).isEqualTo("recorded reproduction " + reproduction.path("id").asLong()
				+ ": " + reproduction.path("verdict").asString());
		return reproduction;
	}

	public static JsonNode created(Response response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json(response);
	}

	public static String reproductions(String model, int version) {
		return "/api/v1/models/" + model + "/versions/" + version + "/reproductions";
	}

	// HTTP

	public Response get(String path) {
		return send(request(HttpMethod.GET, path));
	}

	public Response get(String path, String accept) {
		return send(request(HttpMethod.GET, path).header("Accept", accept));
	}

	public JsonNode getJson(String path) {
		Response response = get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	public Response postJson(String path, String json) {
		return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
	}

	public Response putJson(String path, String json) {
		return sendJson(HttpMethod.PUT, path, json);
	}

	/** A JSON POST with one extra header. */
	public Response postJsonWithHeader(String path, String json, String header, String value) {
		return send(body(request(HttpMethod.POST, path).header(header, value), "application/json",
				json.getBytes(StandardCharsets.UTF_8)));
	}

	/** A request of any method with a JSON body. */
	public Response sendJson(HttpMethod method, String path, String json) {
		return send(body(request(method, path), "application/json", json.getBytes(StandardCharsets.UTF_8)));
	}

	public Response post(String path, String contentType, byte[] body) {
		return send(body(request(HttpMethod.POST, path), contentType, body));
	}

	/** A POST of text, sent as UTF-8. */
	public Response post(String path, String contentType, String body) {
		return post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A {@code multipart/form-data} POST of the given parts, each named by its
	 * {@link #part}.
	 */
	public Response postParts(String path, HttpEntity<?>... parts) {
		MultiValueMap<String, HttpEntity<?>> form = new LinkedMultiValueMap<>();
		for (HttpEntity<?> part : parts) {
			form.add(part.getHeaders().getContentDisposition().getName(), part);
		}
		return send(request(HttpMethod.POST, path).contentType(MediaType.MULTIPART_FORM_DATA).body(form));
	}

	/** One part of a multipart form; a file part where a filename is given. */
	public static HttpEntity<byte[]> part(String name, @Nullable String filename, String contentType, byte[] content) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(ContentDisposition.formData().name(name).filename(filename).build());
		headers.setContentType(MediaType.parseMediaType(contentType));
		return new HttpEntity<>(content, headers);
	}

	/** A request of any method without a body. */
	public Response send(HttpMethod method, String path) {
		return send(request(method, path));
	}

	/** A request with this client's key, if it has one. */
	private RequestBodySpec request(HttpMethod method, String path) {
		RequestBodySpec request = this.rest.method(method).uri(path);
		return (this.key != null) ? request.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.key) : request;
	}

	private static RestTestClient.RequestHeadersSpec<?> body(RequestBodySpec request, String contentType, byte[] body) {
		return request.contentType(MediaType.parseMediaType(contentType)).body(body);
	}

	private static Response send(RestTestClient.RequestHeadersSpec<?> request) {
		return Response.of(request.exchange().returnResult());
	}

	public static JsonNode json(Response response) {
		return response.json();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
