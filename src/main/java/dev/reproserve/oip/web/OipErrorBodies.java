package dev.reproserve.oip.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Errors on {@code /v2} paths in the Open Inference Protocol's body, {@code {"error":
 * "<message>"}}, with the {@code violations} of a refused inference request beside it.
 * Every refusal of the service is decided where it always is (the problem handler,
 * security's 401 and 403, the firewall, the servlet error page) and written as
 * problem+json; on these paths this filter, outside all of them, holds such a body back
 * and writes the protocol's instead: the problem's detail as the message, the same status
 * and headers ({@code WWW-Authenticate}, {@code Retry-After}), except that a 422 becomes
 * the protocol's 400 for a request it cannot serve. Any other response passes through
 * untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class OipErrorBodies extends OncePerRequestFilter {

	private final JsonMapper json;

	OipErrorBodies(JsonMapper json) {
		this.json = json;
	}

	static boolean covers(String path) {
		return path.equals("/v2") || path.startsWith("/v2/");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String uri = (failed instanceof String original) ? original : request.getRequestURI();
		return !covers(uri.substring(Math.min(request.getContextPath().length(), uri.length())));
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		// The servlet error page answers what failed outside a controller.
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ProblemHeldBack held = new ProblemHeldBack(response);
		chain.doFilter(request, held);
		byte[] problem = held.problem();
		if (problem != null) {
			writeError(problem, response);
		}
	}

	private void writeError(byte[] problem, HttpServletResponse response) throws IOException {
		JsonNode body;
		try {
			body = this.json.readTree(problem);
		}
		catch (JacksonException ex) {
			body = this.json.createObjectNode();
		}
		ObjectNode error = this.json.createObjectNode();
		error.put("error", message(body, response.getStatus()));
		if (body.has("violations")) {
			error.set("violations", body.get("violations"));
		}
		if (response.getStatus() == HttpStatus.UNPROCESSABLE_CONTENT.value()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		byte[] bytes = this.json.writeValueAsBytes(error);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

	private static String message(JsonNode problem, int status) {
		for (String member : new String[] { "detail", "title" }) {
			if (problem.path(member).isString() && !problem.path(member).asString().isBlank()) {
				return problem.path(member).asString();
			}
		}
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error " + status;
	}

	/**
	 * The response as writers see it, except that a body declared
	 * {@code application/problem+json} goes into a buffer instead of to the client.
	 */
	static final class ProblemHeldBack extends HttpServletResponseWrapper {

		private @Nullable ByteArrayOutputStream problem;

		private @Nullable PrintWriter writer;

		ProblemHeldBack(HttpServletResponse response) {
			super(response);
		}

		/** The problem body held back, or null if none was written. */
		@Nullable byte[] problem() {
			if (this.writer != null) {
				this.writer.flush();
			}
			return (this.problem != null) ? this.problem.toByteArray() : null;
		}

		private static boolean isProblem(@Nullable String type) {
			try {
				return type != null
						&& MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(type));
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

		@Override
		public void setContentType(@Nullable String type) {
			if (isProblem(type)) {
				if (this.problem == null) {
					this.problem = new ByteArrayOutputStream();
				}
			}
			else {
				super.setContentType(type);
			}
		}

		@Override
		public @Nullable String getContentType() {
			return (this.problem != null) ? MediaType.APPLICATION_PROBLEM_JSON_VALUE : super.getContentType();
		}

		@Override
		public void setHeader(String name, @Nullable String value) {
			if (!heldBack(name, value)) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, @Nullable String value) {
			if (!heldBack(name, value)) {
				super.addHeader(name, value);
			}
		}

		/**
		 * Whether a header belongs to the body held back: its type, which decides it, or
		 * its length.
		 */
		private boolean heldBack(String name, @Nullable String value) {
			if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
				setContentType(value);
				return true;
			}
			return this.problem != null && HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name);
		}

		@Override
		public void setContentLength(int length) {
			if (this.problem == null) {
				super.setContentLength(length);
			}
		}

		@Override
		public void setContentLengthLong(long length) {
			if (this.problem == null) {
				super.setContentLengthLong(length);
			}
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			ByteArrayOutputStream buffer = this.problem;
			if (buffer == null) {
				return super.getOutputStream();
			}
			return new ServletOutputStream() {

				@Override
				public void write(int b) {
					buffer.write(b);
				}

				@Override
				public void write(byte[] bytes, int offset, int length) {
					buffer.write(bytes, offset, length);
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setWriteListener(WriteListener listener) {
					throw new UnsupportedOperationException("a problem body is written at once");
				}

			};
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (this.problem == null) {
				return super.getWriter();
			}
			if (this.writer == null) {
				this.writer = new PrintWriter(new OutputStreamWriter(this.problem, StandardCharsets.UTF_8));
			}
			return this.writer;
		}

		@Override
		public void flushBuffer() throws IOException {
			if (this.problem == null) {
				super.flushBuffer();
			}
		}

		@Override
		public void resetBuffer() {
			if (this.problem != null) {
				this.problem.reset();
			}
			super.resetBuffer();
		}

		@Override
		public void reset() {
			this.problem = null;
			this.writer = null;
			super.reset();
		}

	}

}
