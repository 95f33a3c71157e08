package dev.reproserve.serving.web;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.serving.ModelServing;
import dev.reproserve.serving.Prediction;
import dev.reproserve.serving.internal.InstanceReader;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The two predict routes on a short path, ahead of Spring MVC's general request mapping.
 * {@link PredictionController} stays the definition of the API; this mapping takes a
 * request only when it is plainly one the controller would take (POST, the exact path
 * shape, {@code Content-Type: application/json}, an {@code Accept} that JSON satisfies,
 * no CORS), and declines everything else, which then goes through Spring MVC exactly as
 * before. A request it takes has its body read straight into the model's features by
 * {@link InstanceReader} and its answer written by {@link PredictionWriter}; if the body
 * is anything but plainly valid (malformed, unknown members, a schema violation, an empty
 * or too large batch) or the model cannot be resolved, the same bytes are handed to the
 * controller, which answers with the problem it always gave.
 * <p>
 * What this saves on every prediction (measured with bench/run and JFR): the pattern
 * match over every annotated route, binding {@code instances} into maps and validating
 * the maps, and bean serialization with content negotiation for the response.
 */
@Component
class PredictRoutes extends AbstractHandlerMapping {

	static final String ALIAS_PATTERN = "/api/v1/models/{name}/aliases/{alias}/predict";

	static final String VERSION_PATTERN = "/api/v1/models/{name}/versions/{version}/predict";

	private static final String PREFIX = "/api/v1/models/";

	private static final String SUFFIX = "/predict";

	private final ModelServing serving;

	private final JsonMapper json;

	private final RequestMappingHandlerAdapter adapter;

	private final HandlerMethod byAlias;

	private final HandlerMethod byVersion;

	private final HandlerMethod endpoint;

	PredictRoutes(ModelServing serving, JsonMapper json, RequestMappingHandlerAdapter adapter,
			@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings)
			throws NoSuchMethodException {
		this.serving = serving;
		this.json = json;
		this.adapter = adapter;
		this.byAlias = controllerMethod(mappings, "predictWithAlias");
		this.byVersion = controllerMethod(mappings, "predictWithVersion");
		this.endpoint = new HandlerMethod(this,
				PredictRoutes.class.getDeclaredMethod("predict", HttpServletRequest.class, HttpServletResponse.class));
		setOrder(Ordered.HIGHEST_PRECEDENCE);
	}

	private static HandlerMethod controllerMethod(RequestMappingHandlerMapping mappings, String name) {
		return mappings.getHandlerMethods()
			.values()
			.stream()
			.filter((method) -> method.getBeanType() == PredictionController.class
					&& method.getMethod().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("PredictionController." + name + " is not mapped"))
			.createWithResolvedBean();
	}

	@Override
	protected @Nullable Object getHandlerInternal(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod()) || !isJson(request.getContentType())
				|| !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))
				|| request.getHeader(HttpHeaders.ORIGIN) != null) {
			return null;
		}
		Route route = route(request.getRequestURI(), request.getContextPath());
		if (route == null) {
			return null;
		}
		request.setAttribute(Route.class.getName(), route);
		request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, route.variables());
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, route.pattern());
		request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, this.endpoint);
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent((context) -> context.setPathPattern(route.pattern()));
		return this.endpoint;
	}

	/**
	 * {@code application/json}, optionally with {@code charset=UTF-8}: what clients send.
	 */
	static boolean isJson(@Nullable String contentType) {
		if (contentType == null || !contentType.regionMatches(true, 0, "application/json", 0, 16)) {
			return false;
		}
		if (contentType.length() == 16) {
			return true;
		}
		String parameters = contentType.substring(16).replace(" ", "");
		return parameters.equalsIgnoreCase(";charset=utf-8");
	}

	static boolean acceptsJson(@Nullable String accept) {
		return accept == null || accept.equals("*/*") || accept.equalsIgnoreCase("application/json");
	}

	/**
	 * The route of a predict path, or {@code null} for anything else, or anything Spring
	 * MVC would have to decode or convert first (an escape, a matrix variable, a version
	 * that is not plain digits).
	 */
	static @Nullable Route route(String uri, String contextPath) {
		if (!uri.startsWith(contextPath)) {
			return null;
		}
		String path = uri.substring(contextPath.length());
		if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.indexOf('%') >= 0 || path.indexOf(';') >= 0) {
			return null;
		}
		String middle = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
		int slash = middle.indexOf('/');
		if (slash <= 0) {
			return null;
		}
		String name = middle.substring(0, slash);
		String rest = middle.substring(slash + 1);
		int second = rest.indexOf('/');
		if (second <= 0 || second == rest.length() - 1 || rest.indexOf('/', second + 1) >= 0) {
			return null;
		}
		String kind = rest.substring(0, second);
		String value = rest.substring(second + 1);
		if (kind.equals("aliases")) {
			return new Route(name, value, null, ALIAS_PATTERN, Map.of("name", name, "alias", value));
		}
		if (kind.equals("versions") && value.length() <= 9 && value.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return new Route(name, null, Integer.parseInt(value), VERSION_PATTERN,
					Map.of("name", name, "version", value));
		}
		return null;
	}

	/**
	 * Answers a request this mapping took: the prediction if the body reads plainly
	 * valid, else whatever the controller answers for the same bytes.
	 */
	void predict(HttpServletRequest request, HttpServletResponse response) throws Exception {
		Route route = (Route) request.getAttribute(Route.class.getName());
		byte[] body = request.getInputStream().readAllBytes();
		Prediction prediction = predict(route, body);
		if (prediction == null) {
			this.adapter.handle(new BufferedBody(request, body), response,
					(route.alias() != null) ? this.byAlias : this.byVersion);
			return;
		}
		response.setContentType("application/json");
		try (JsonGenerator generator = this.json.createGenerator(response.getOutputStream(), JsonEncoding.UTF8)) {
			PredictionWriter.write(generator, prediction);
		}
	}

	private @Nullable Prediction predict(Route route, byte[] body) {
		ModelServing.Target target;
		try {
			target = (route.alias() != null) ? this.serving.targetOfAlias(route.name(), route.alias())
					: this.serving.targetOfVersion(route.name(), route.version());
		}
		catch (RuntimeException ex) {
			// The controller reads the body first and answers a malformed one before an
			// unknown model: it decides.
			return null;
		}
		InstanceReader.Request read;
		try (JsonParser parser = this.json.createParser(body)) {
			read = target.reader().read(parser, this.serving.maxBatchSize());
		}
		catch (JacksonException ex) {
			return null;
		}
		return (read != null) ? this.serving.predictRows(target, read.id(), read.rows()) : null;
	}

	record Route(String name, @Nullable String alias, @Nullable Integer version, String pattern,
			Map<String, String> variables) {
	}

	/** The request with its body already read, for the controller to read again. */
	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body is already read");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body),
					(encoding != null) ? java.nio.charset.Charset.forName(encoding) : StandardCharsets.UTF_8));
		}

	}

}
