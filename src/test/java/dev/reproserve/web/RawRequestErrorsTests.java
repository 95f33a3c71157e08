package dev.reproserve.web;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import dev.reproserve.support.RawHttp;
import dev.reproserve.support.ReproserveTest;
import dev.reproserve.support.Response;
import dev.reproserve.support.TestKeys;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.reproserve.support.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Tomcat or Spring Security's firewall refuse before any controller sees
 * them, written byte for byte to the server's port: each must still get a problem+json
 * 400 (the same shape as every other error), never Tomcat's HTML error page or an empty
 * answer.
 */
@ReproserveTest
class RawRequestErrorsTests {

	private static final String KEY = "Authorization: Bearer " + TestKeys.ADMIN + "\r\n";

	@LocalServerPort
	int port;

	static Stream<Arguments> refusedRequests() {
		return Stream.of(
				Arguments.of("an encoded slash in the path",
						"GET /api/v1/models/a%2Fb HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n"),
				Arguments.of("a raw | in the path",
						"GET /api/v1/models/a|b HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n"),
				Arguments.of("a raw { in the query",
						"GET /api/v1/models?page={0} HTTP/1.1\r\nHost: localhost\r\n" + KEY
								+ "Connection: close\r\n\r\n"),
				Arguments.of("a bad percent escape in the path",
						"GET /api/v1/models/%zz HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n"),
				Arguments.of("headers over the limit",
						"GET /api/v1/models HTTP/1.1\r\nHost: localhost\r\n" + KEY + "X-Padding: " + "a".repeat(20_000)
								+ "\r\nConnection: close\r\n\r\n"),
				Arguments.of("a request line that is one word", "GARBAGE\r\n\r\n"),
				Arguments.of("an unknown HTTP version",
						"GET /api/v1/models HTTP/9.9\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n"),
				Arguments.of("a method with a character no method has",
						"G{T /api/v1/models HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n"),
				Arguments.of("a header line without a colon",
						"GET /api/v1/models HTTP/1.1\r\nHost: localhost\r\n" + KEY
								+ "not a header\r\nConnection: close\r\n\r\n"),
				Arguments.of("an HTTP/1.1 request without Host",
						"GET /api/v1/models HTTP/1.1\r\n" + KEY + "Connection: close\r\n\r\n"),
				Arguments.of("a semicolon in the path (the firewall)",
						"GET /api/v1/models/a;b HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n"),
				Arguments.of("an encoded percent in the path (the firewall)",
						"GET /api/v1/models/a%25b HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n"),
				Arguments.of("a double slash in the path (the firewall)",
						"GET /api/v1//models HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n"),
				Arguments.of("an encoded dot segment in the path (the firewall)",
						"GET /api/v1/models/%2e%2e/keys HTTP/1.1\r\nHost: localhost\r\n" + KEY
								+ "Connection: close\r\n\r\n"),
				Arguments.of("a request the firewall refuses, from a browser",
						"GET /api/v1/models/a;b HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
								+ "Connection: close\r\n\r\n"),
				Arguments.of("a malformed HTTP version",
						"GET /api/v1/models HTTP/1.x\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n"),
				Arguments.of("a NUL byte in the path",
						"GET /api/v1/models/a\0b HTTP/1.1\r\nHost: localhost\r\n" + KEY + "Connection: close\r\n\r\n"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedRequests")
	void refusesARequestTomcatCannotTakeWithAProblem(String what, String request) {
		Response response = RawHttp.send(this.port, request);
		JsonNode problem = problem(response, 400, "bad-request", "Bad Request");
		assertThat(response.body()).doesNotContain("<html", "<!doctype", "Tomcat");
		assertThat(problem.path("detail").asString()).doesNotContain("Exception");
	}

}
