package dev.reproserve.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report as problem+json instead of its HTML page. Tomcat answers some
 * requests itself before Spring sees them: a request line or header it cannot parse, an
 * invalid character or an encoded slash in the path, headers over
 * {@code server.max-http-request-header-size}. Those answers come from the host's error
 * report valve, which this one replaces, so that every error of the service has the one
 * shape clients parse. Anything the servlet error page already answered is left alone.
 * <p>
 * A 505 (an HTTP version Tomcat does not speak) becomes a 400: it is the client's request
 * that is wrong, and a 5xx would count against the service where nothing failed.
 */
public class ProblemReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		if (status == 505) {
			status = 400;
			response.setStatus(status);
		}
		String body = StatusProblems.json(status, detail(status, response, throwable), instance(request));
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the answer already started: nothing more to say.
		}
	}

	private static String detail(int status, Response response, Throwable throwable) {
		if (status >= 500) {
			return StatusProblems.detail(status);
		}
		String message = response.getMessage();
		if ((message == null || message.isBlank()) && throwable instanceof IllegalArgumentException) {
			message = throwable.getMessage();
		}
		if (message == null || message.isBlank() || message.contains("Exception") || message.contains("java.")) {
			return StatusProblems.detail(status);
		}
		return "The request was refused before it reached the API: " + message.strip()
				+ ((message.strip().endsWith(".")) ? "" : ".");
	}

	private static String instance(Request request) {
		try {
			String uri = request.getDecodedRequestURI();
			return (uri != null && uri.startsWith("/")) ? uri : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
