package dev.reproserve.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import dev.reproserve.bundle.Sha256;
import dev.reproserve.registry.ModelRegistry;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestData;
import dev.reproserve.support.TestModels;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.reproserve.support.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may call what, over real HTTP with real keys in PostgreSQL: each role on each kind
 * of endpoint, revocation, the recorded actor, and what is stored of a secret.
 */
@ReproserveTest
class ApiKeysTests {

	private static final String SETOSA = "{\"instances\":[{\"sepal_length\":5.1,\"sepal_width\":3.5,"
			+ "\"petal_length\":1.4,\"petal_width\":0.2}]}";

	@Autowired
	RestTestClient rest;

	@Autowired
	ModelRegistry registry;

	@Autowired
	JdbcTemplate jdbc;

	private ReproserveClient admin() {
		return new ReproserveClient(this.rest);
	}

	/**
	 * One request of each kind, the role that may send it, and the status the others get:
	 * {@code model} stands for a registered iris model.
	 */
	static Stream<Arguments> requests() {
		return Stream.of(
				Arguments.of("predict", HttpMethod.POST, "/api/v1/models/{m}/versions/1/predict", SETOSA,
						List.of("predict", "admin")),
				Arguments.of("read a schema", HttpMethod.GET, "/api/v1/models/{m}/versions/1/schema", null,
						List.of("predict", "read", "admin")),
				Arguments.of("list models", HttpMethod.GET, "/api/v1/models", null, List.of("read", "admin")),
				Arguments.of("read a version", HttpMethod.GET, "/api/v1/models/{m}/versions/1", null,
						List.of("read", "admin")),
				Arguments.of("list datasets", HttpMethod.GET, "/api/v1/datasets", null, List.of("read", "admin")),
				Arguments.of("list jobs", HttpMethod.GET, "/api/v1/trainings", null, List.of("read", "admin")),
				Arguments.of("read metrics", HttpMethod.GET, "/actuator/info", null, List.of("read", "admin")),
				Arguments.of("move an alias", HttpMethod.PUT, "/api/v1/models/{m}/aliases/staging",
						"{\"version\":1,\"reason\":\"try it\"}", List.of("admin")),
				Arguments.of("list keys", HttpMethod.GET, "/api/v1/keys", null, List.of("admin")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requests")
	void eachRoleMaySendOnlyWhatItIsFor(String what, HttpMethod method, String path, String body,
			List<String> allowed) {
		String model = this.registry.register(TestData.uniqueModel("keys"), TestModels.trainIris(11).bundle(), "tests")
			.version()
			.model();
		String target = path.replace("{m}", model);
		for (String role : List.of("predict", "read", "admin")) {
			ReproserveClient caller = admin().as(TestData.uniqueModel(role), role);

			Response response = send(caller, method, target, body);

			if (allowed.contains(role)) {
				assertThat(response.statusCode()).as(what + " as " + role + ": " + response.body()).isBetween(200, 299);
			}
			else {
				JsonNode problem = problem(response, 403, "forbidden", "Forbidden");
				assertThat(problem.path("roles").get(0).asString()).as(what).isEqualTo(role);
			}
		}
		Response anonymous = send(admin().withKey(null), method, target, body);
		problem(anonymous, 401, "unauthorized", "Unauthorized");
		assertThat(anonymous.header("WWW-Authenticate")).hasValue("Bearer realm=\"reproserve\"");
	}

	private static Response send(ReproserveClient client, HttpMethod method, String path, String body) {
		return (body == null) ? client.send(method, path) : client.sendJson(method, path, body);
	}

	@Test
	void healthProbesAndTheApiDescriptionNeedNoKey() {
		ReproserveClient anonymous = admin().withKey(null);

		assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(anonymous.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(anonymous.get("/v3/api-docs").statusCode()).isEqualTo(200);
	}

	@Test
	void anUnknownKeyIsRefusedEvenWhereNoKeyIsNeeded() {
		Response response = admin().withKey("rsk_not-a-key-anyone-has").get("/actuator/health/liveness");

		problem(response, 401, "invalid-key", "Invalid API key");
		assertThat(response.header("WWW-Authenticate"))
			.hasValue("Bearer realm=\"reproserve\", error=\"invalid_token\"");
	}

	@Test
	void aCreatedKeyIsShownOnceAndStoredOnlyAsItsHash() {
		String name = TestData.uniqueModel("reader");

		Response created = admin().postJson("/api/v1/keys", "{\"name\":\"" + name + "\",\"role\":\"read\"}");

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.header("Location")).hasValue("/api/v1/keys/" + name);
		JsonNode key = created.json();
		String secret = key.path("key").asString();
		assertThat(secret).startsWith("rsk_").hasSizeGreaterThanOrEqualTo(40);
		assertThat(key.path("role").asString()).isEqualTo("read");
		assertThat(key.path("createdBy").asString()).isEqualTo("admin");
		assertThat(secret).startsWith(key.path("prefix").asString());
		// Never again: not in the list, not in the key's own view, not in the database.
		assertThat(admin().get("/api/v1/keys").body()).contains(name).doesNotContain(secret);
		assertThat(admin().getJson("/api/v1/keys/" + name).has("key")).isFalse();
		assertThat(this.jdbc.queryForObject("SELECT secret_sha256 FROM api_keys WHERE name = ?", String.class, name))
			.isEqualTo(Sha256.hex(secret.getBytes(StandardCharsets.UTF_8)));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM api_keys WHERE secret_sha256 = ? OR prefix = ?",
				Long.class, secret, secret))
			.isZero();
		assertThat(admin().withKey(secret).get("/api/v1/models").statusCode()).isEqualTo(200);
	}

	@Test
	void aRevokedKeyIsRefusedAtOnceAndItsNameIsNeverGivenAgain() {
		String name = TestData.uniqueModel("leaked");
		ReproserveClient leaked = admin().as(name, "read");
		assertThat(leaked.get("/api/v1/models").statusCode()).isEqualTo(200);

		Response revoked = admin().send(HttpMethod.DELETE, "/api/v1/keys/" + name + "?reason=leaked");

		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		assertThat(revoked.json().path("revokedBy").asString()).isEqualTo("admin");
		assertThat(revoked.json().path("revokeReason").asString()).isEqualTo("leaked");
		problem(leaked.get("/api/v1/models"), 401, "invalid-key", "Invalid API key");
		problem(admin().postJson("/api/v1/keys", "{\"name\":\"" + name + "\",\"role\":\"read\"}"), 409,
				"key-name-taken", "Key name taken");
		assertThat(this.jdbc.queryForList(
				"SELECT e.event FROM api_key_events e JOIN api_keys k ON k.id = e.key_id WHERE k.name = ? ORDER BY e.id",
				String.class, name))
			.containsExactly("created", "revoked");
	}

	@Test
	void keysAndTheirEventsCannotBeChangedInTheDatabase() {
		assertThatThrownBy(() -> this.jdbc.update("UPDATE api_keys SET role = 'admin'"))
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.update("DELETE FROM api_key_events")).hasMessageContaining("append-only");
	}

	@Test
	void refusesABadKeyRequestWithEveryProblem() {
		JsonNode problem = problem(admin().postJson("/api/v1/keys", "{\"name\":\"Bad Name\",\"role\":\"root\"}"), 422,
				"invalid-key-request", "Invalid key request");

		assertThat(problem.path("problems")).hasSize(2);
		assertThat(problem.path("problems").get(1).asString()).contains("'root'", "predict, read, admin");
		assertThat(
				problem(admin().postJson("/api/v1/keys", "{}"), 422, "invalid-key-request").path("problems").toString())
			.contains("name is required", "role is required");
		problem(admin().send(HttpMethod.DELETE, "/api/v1/keys/no-such-key"), 404, "key-not-found", "Key not found");
	}

}
