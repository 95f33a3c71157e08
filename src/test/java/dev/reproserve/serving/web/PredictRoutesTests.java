package dev.reproserve.serving.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.reproserve.support.ReproserveTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests take the short predict route, and that everything else is left to Spring
 * MVC's general mapping, which answers exactly as before (the byte-for-byte test,
 * PredictResponseBytesTests, holds both routes to the same answers).
 */
@ReproserveTest
class PredictRoutesTests {

	@Autowired
	PredictRoutes routes;

	@ParameterizedTest
	@CsvSource({ "/api/v1/models/iris/aliases/production/predict, iris, alias, production",
			"/api/v1/models/iris/versions/12/predict, iris, version, 12",
			"/api/v1/models/m-1.b_2/aliases/canary-2/predict, m-1.b_2, alias, canary-2" })
	void takesAPlainPredictRequestWithItsPathVariables(String path, String name, String kind, String value)
			throws Exception {
		MockHttpServletRequest request = post(path);
		HandlerExecutionChain chain = this.routes.getHandler(request);
		assertThat(chain).isNotNull();
		assertThat(((HandlerMethod) chain.getHandler()).getMethod().getName()).isEqualTo("predict");
		assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE))
			.isEqualTo(java.util.Map.of("name", name, kind, value));
		assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
			.isEqualTo(kind.equals("alias") ? PredictRoutes.ALIAS_PATTERN : PredictRoutes.VERSION_PATTERN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/models/iris/versions/x/predict", "/api/v1/models/iris/versions/-1/predict",
			"/api/v1/models/iris/versions/1234567890/predict", "/api/v1/models/iris/aliases/production/predict/",
			"/api/v1/models//aliases/production/predict", "/api/v1/models/iris/aliases//predict",
			"/api/v1/models/ir%69s/aliases/production/predict", "/api/v1/models/iris/aliases/production;x=1/predict",
			"/api/v1/models/iris/aliases/a/b/predict", "/api/v1/models/iris/labels/production/predict",
			"/api/v1/models/iris/aliases/production", "/api/v2/models/iris/aliases/production/predict" })
	void leavesAnyOtherPathToSpringMvc(String path) throws Exception {
		assertThat(this.routes.getHandler(post(path))).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "none",
			value = { "GET | application/json | none", "PUT | application/json | none", "POST | text/plain | none",
					"POST | none | none", "POST | application/json; charset=ISO-8859-1 | none",
					"POST | application/jsonx | none", "POST | application/json | application/xml",
					"POST | application/json | application/problem+json", "POST | application/json | application/yaml",
					"POST | application/json | text/html, */*;q=0.8" })
	void leavesAnyOtherMethodOrMediaTypeToSpringMvc(String method, String contentType, String accept) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method,
				"/api/v1/models/iris/aliases/production/predict");
		if (contentType != null) {
			request.setContentType(contentType);
		}
		if (accept != null) {
			request.addHeader("Accept", accept);
		}
		assertThat(this.routes.getHandler(request)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "APPLICATION/JSON", "application/json;charset=UTF-8",
			"application/json; charset=utf-8" })
	void takesJsonWithOrWithoutUtf8(String contentType) throws Exception {
		MockHttpServletRequest request = post("/api/v1/models/iris/aliases/production/predict");
		request.setContentType(contentType);
		assertThat(this.routes.getHandler(request)).isNotNull();
	}

	@Test
	void leavesCorsRequestsToSpringMvc() throws Exception {
		MockHttpServletRequest request = post("/api/v1/models/iris/aliases/production/predict");
		request.addHeader("Origin", "https://example.com");
		assertThat(this.routes.getHandler(request)).isNull();
	}

	private static MockHttpServletRequest post(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		request.setContentType("application/json");
		request.addHeader("Accept", "*/*");
		return request;
	}

}
