package dev.reproserve.web;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request whose {@code Accept} header is not a list of media types gets a 406 problem.
 * Spring MVC answers such a request 406 too, but with no body at all: the header it
 * cannot parse is the one it would choose the problem's representation by. Refused here,
 * before content negotiation, the refusal can be written as problem+json, which is what
 * the client would get for any other error.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AcceptHeaderFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String invalid = invalidAccept(request);
		if (invalid == null) {
			chain.doFilter(request, response);
			return;
		}
		String shown = (invalid.length() > 100) ? invalid.substring(0, 100) + "..." : invalid;
		response.setStatus(HttpServletResponse.SC_NOT_ACCEPTABLE);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write(StatusProblems.json(406, "The Accept header '" + shown + "' is not a list of media types; "
					+ "send Accept: application/json, or no Accept header.", request.getRequestURI()));
	}

	private static @Nullable String invalidAccept(HttpServletRequest request) {
		Enumeration<String> values = request.getHeaders(HttpHeaders.ACCEPT);
		while (values != null && values.hasMoreElements()) {
			String value = values.nextElement();
			if (value.equals("*/*") || value.equals("application/json")) {
				// What nearly every client sends, the predict path's included: no parse.
				continue;
			}
			try {
				MediaType.parseMediaTypes(value);
			}
			catch (InvalidMediaTypeException ex) {
				return value;
			}
		}
		return null;
	}

}
