package dev.reproserve.web;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Base of every domain exception that reaches a client. It carries a complete RFC 9457
 * problem: a stable {@code type} URI, a fixed title, a human detail and extra members.
 * Capabilities extend it with exceptions named for what went wrong; the shared advice
 * renders them as {@code application/problem+json} unchanged.
 */
public abstract class ProblemException extends ErrorResponseException {

	/** Prefix of every problem type URI this service emits. */
	public static final String TYPE_BASE = "https://reproserve.dev/problems/";

	protected ProblemException(HttpStatus status, String type, String title, String detail) {
		this(status, type, title, detail, Map.of());
	}

	protected ProblemException(HttpStatus status, String type, String title, String detail, Map<String, ?> properties) {
		super(status, problem(status, type, title, detail, properties), null);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail,
			Map<String, ?> properties) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(typeUri(type));
		problem.setTitle(title);
		// Sorted, so that extra members come out in the same order every time.
		new java.util.TreeMap<String, Object>(properties).forEach(problem::setProperty);
		return problem;
	}

	public static URI typeUri(String type) {
		return URI.create(TYPE_BASE + type);
	}

	@Override
	public String getMessage() {
		return getBody().getTitle() + ": " + getBody().getDetail();
	}

}
