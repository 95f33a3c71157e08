package dev.reproserve.oip.web;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The protocol's error body in place of problem+json, whoever wrote the problem and
 * however: through an output stream with its headers as Spring's converters write them,
 * or through a writer as the servlet error page does.
 */
class OipErrorBodiesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final OipErrorBodies filter = new OipErrorBodies(JSON);

	private MockHttpServletResponse run(MockHttpServletRequest request, FilterChain chain) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, chain);
		return response;
	}

	private static MockHttpServletRequest get(String path) {
		return new MockHttpServletRequest("GET", path);
	}

	@Test
	void aDatabaseOutageKeepsItsStatusAndRetryAfter() throws Exception {
		MockHttpServletResponse response = run(get("/v2/models/iris"), (request, out) -> {
			HttpServletResponse http = (HttpServletResponse) out;
			http.setStatus(503);
			http.addHeader("Retry-After", "5");
			http.addHeader("Content-Type", "application/problem+json");
			http.addHeader("Content-Length", "999");
			http.getOutputStream()
				.write("{\"type\":\"https://reproserve.dev/problems/database-unavailable\",\"status\":503,\"detail\":\"Send it again.\"}"
					.getBytes(StandardCharsets.UTF_8));
		});

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getContentType()).startsWith("application/json");
		assertThat(response.getContentAsString()).isEqualTo("{\"error\":\"Send it again.\"}");
		assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
	}

	@Test
	void aRefusedRequestIs400WithItsViolations() throws Exception {
		MockHttpServletResponse response = run(new MockHttpServletRequest("POST", "/v2/models/iris/infer"),
				(request, out) -> {
					HttpServletResponse http = (HttpServletResponse) out;
					http.setStatus(422);
					http.setContentType("application/problem+json");
					http.getOutputStream()
						.write("{\"status\":422,\"title\":\"T\",\"detail\":\"1 violation\",\"violations\":[{\"problem\":\"missing\"}]}"
							.getBytes(StandardCharsets.UTF_8));
				});

		assertThat(response.getStatus()).isEqualTo(400);
		JsonNode body = JSON.readTree(response.getContentAsByteArray());
		assertThat(body.path("error").asString()).isEqualTo("1 violation");
		assertThat(body.path("violations").get(0).path("problem").asString()).isEqualTo("missing");
	}

	@Test
	void theServletErrorPageOfAV2RequestIsDressedToo() throws Exception {
		MockHttpServletRequest error = get("/error");
		error.setDispatcherType(jakarta.servlet.DispatcherType.ERROR);
		error.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/v2/models/iris/infer");

		MockHttpServletResponse response = run(error, (request, out) -> {
			HttpServletResponse http = (HttpServletResponse) out;
			http.resetBuffer();
			http.setStatus(400);
			http.setContentType("application/problem+json");
			http.setCharacterEncoding("UTF-8");
			http.getWriter().write("{\"title\":\"Bad Request\",\"detail\":\"Refusé.\"}");
			http.flushBuffer();
		});

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(JSON.readTree(response.getContentAsByteArray()).path("error").asString()).isEqualTo("Refusé.");
	}

	@Test
	void answersThatAreNotProblemsAndOtherPathsPassUntouched() throws Exception {
		FilterChain json = (request, out) -> {
			out.setContentType("application/json");
			out.getOutputStream().write("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
		};
		assertThat(run(get("/v2"), json).getContentAsString()).isEqualTo("{\"ok\":true}");

		FilterChain problem = (request, out) -> {
			((HttpServletResponse) out).setStatus(404);
			out.setContentType("application/problem+json");
			out.getOutputStream().write("{\"detail\":\"No.\"}".getBytes(StandardCharsets.UTF_8));
		};
		MockHttpServletResponse v1 = run(get("/api/v1/models/x"), problem);
		assertThat(v1.getContentType()).isEqualTo("application/problem+json");
		assertThat(v1.getContentAsString()).isEqualTo("{\"detail\":\"No.\"}");
		assertThat(run(get("/v20/models"), problem).getContentType()).isEqualTo("application/problem+json");
	}

}
