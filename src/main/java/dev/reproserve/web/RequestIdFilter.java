package dev.reproserve.web;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, a
 * new UUID otherwise. The id is returned in the same header and is in the log MDC as
 * {@code requestId} for the whole request, so every log line of it (refusals included:
 * this filter runs before the security chain) can be found by it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

	/** The header read and written. */
	public static final String HEADER = "X-Request-Id";

	/** The MDC key. */
	public static final String MDC_KEY = "requestId";

	/** What is taken from a caller: short, and nothing that could forge a log line. */
	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String id = (given != null && SANE.matcher(given).matches()) ? given : newId();
		response.setHeader(HEADER, id);
		MDC.put(MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	/**
	 * A random version-4 UUID from the thread's own generator. {@code UUID.randomUUID()}
	 * draws from the shared {@code SecureRandom}, whose lock every request thread then
	 * queued on; a request id identifies a request in the logs and guards nothing, so it
	 * needs to be unique, not unpredictable (122 random bits).
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & ~(0xCL << 60)) | (0x8L << 60);
		return new UUID(high, low).toString();
	}

}
