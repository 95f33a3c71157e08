package dev.reproserve.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet error page as problem+json, in place of Spring Boot's
 * {@code BasicErrorController} (whose body is {@code {"timestamp", "status", "error",
 * "path"}}, or an HTML page for a browser). It answers what never reached a controller's
 * advice: a {@code sendError} or an exception in a servlet filter, a refusal by the
 * container. The detail is fixed per status and never the container's message, as
 * {@code server.error.include-message=never} asks.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

	@RequestMapping
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// Without the attribute a client asked for the error path itself: no such
		// endpoint.
		int status = (code instanceof Integer value && value >= 400) ? value : 404;
		Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (status >= 500 && failure instanceof Throwable thrown) {
			log.error("Unexpected error on {}", uri, thrown);
		}
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write(StatusProblems.json(status, StatusProblems.detail(status),
					(uri instanceof String path) ? path : request.getRequestURI()));
	}

}
