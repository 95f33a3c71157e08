package dev.reproserve.web;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The API answers in JSON and nothing else: a success is {@code application/json}, a
 * problem {@code application/problem+json}, whatever converters happen to be on the
 * classpath. A YAML converter is (springdoc's swagger-core brings Jackson's YAML module
 * for {@code /v3/api-docs.yaml}, which it writes itself), and without this an
 * {@code Accept: application/yaml} got a prediction in YAML; now it is a 406 like any
 * other type JSON cannot satisfy. And {@code Accept: application/problem+json} (what a
 * client sends that wants its errors as problems) no longer labels a prediction as a
 * problem: JSON's converter writes every {@code +json} type, so the label is set here.
 */
@Configuration(proxyBeanMethods = false)
class JsonResponses {

	@Bean
	ServerHttpMessageConvertersCustomizer noYamlResponses() {
		return (builder) -> builder.configureMessageConvertersList((converters) -> converters
			.removeIf((converter) -> converter.getSupportedMediaTypes().stream().anyMatch(JsonResponses::isYaml)));
	}

	private static boolean isYaml(MediaType type) {
		return type.getSubtype().contains("yaml");
	}

	/** A body that is not a problem is never labelled as one. */
	@ControllerAdvice(basePackages = "dev.reproserve")
	static class SuccessIsJson implements ResponseBodyAdvice<Object> {

		@Override
		public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
			return true;
		}

		@Override
		public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
				MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
				ServerHttpRequest request, ServerHttpResponse response) {
			if (!(body instanceof ProblemDetail)
					&& MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(selectedContentType)) {
				response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			}
			return body;
		}

	}

}
