package dev.reproserve.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A request Spring Security's firewall refuses (a {@code ;}, an encoded {@code %} or
 * {@code /}, {@code //}, a dot segment, a control character in a header) answered as a
 * problem+json 400 that says what it refused. Without it the firewall's bare
 * {@code sendError(400)} ends in Spring Boot's error page, whose body is not a problem.
 * Spring Security takes the one {@link RequestRejectedHandler} bean there is.
 */
@Component
class FirewallRefusals implements RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(FirewallRefusals.class);

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException refused)
			throws IOException {
		log.debug("Refused by the firewall: {}", refused.getMessage());
		if (response.isCommitted()) {
			return;
		}
		String reason = (refused.getMessage() != null) ? refused.getMessage().strip() : "";
		String detail = reason.isEmpty() ? StatusProblems.detail(400) : reason + (reason.endsWith(".") ? "" : ".")
				+ " Send the path without encoded slashes, percent signs, semicolons, dot segments or doubled slashes.";
		response.resetBuffer();
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(StatusProblems.json(400, detail, request.getRequestURI()));
		response.flushBuffer();
	}

}
