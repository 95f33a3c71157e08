package dev.reproserve.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one check of a problem response, for every test that expects one: the status, an
 * {@code application/problem+json} body with the stable type, the title where given, a
 * detail, and no trace of the service's internals (class or package names, stack frames).
 */
public final class ProblemAssert {

	/** Prefix of every problem type. */
	public static final String PROBLEMS = "https://reproserve.dev/problems/";

	private ProblemAssert() {
	}

	/** Checks a problem response of any title and returns its body. */
	public static JsonNode problem(Response response, int status, String type) {
		JsonNode body = checked(response, status, type);
		assertThat(body.path("title").asString()).isNotBlank();
		return body;
	}

	/** Checks a problem response with its fixed title and returns its body. */
	public static JsonNode problem(Response response, int status, String type, String title) {
		JsonNode body = checked(response, status, type);
		assertThat(body.path("title").asString()).isEqualTo(title);
		return body;
	}

	/**
	 * Checks that a 4xx answer is a problem of this service, whatever its status and
	 * type, and returns its body: what every refusal of a generated request must be.
	 */
	public static JsonNode anyProblem(Response response) {
		assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
		assertThat(response.mediaType()).as("content type of %s", response.body())
			.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		String type = response.json().path("type").asString();
		assertThat(type).as(response.body()).startsWith(PROBLEMS);
		JsonNode body = checked(response, response.statusCode(), type.substring(PROBLEMS.length()));
		assertThat(body.path("title").asString()).isNotBlank();
		return body;
	}

	/** The {@code problems} member: one sentence per problem. */
	public static List<String> problems(JsonNode problem) {
		List<String> problems = new ArrayList<>();
		problem.path("problems").forEach((p) -> problems.add(p.asString()));
		return problems;
	}

	private static JsonNode checked(Response response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type").map(MediaType::parseMediaType))
			.hasValueSatisfying((media) -> assertThat(media.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.as("content type %s", media)
				.isTrue());
		assertThat(response.body()).doesNotContain("Exception", "dev.reproserve", "java.", "javax.", "jakarta.",
				"tools.jackson", "com.fasterxml", "org.springframework", "org.tribuo", "org.apache", "\tat ");
		JsonNode body = response.json();
		assertThat(body.path("type").asString()).isEqualTo(PROBLEMS + type);
		assertThat(body.path("status").asInt()).isEqualTo(status);
		assertThat(body.path("detail").asString()).isNotBlank();
		return body;
	}

}
