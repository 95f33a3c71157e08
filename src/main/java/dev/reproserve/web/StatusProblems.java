package dev.reproserve.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.reproserve.shared.DomainException;

import org.springframework.http.HttpStatus;

/**
 * The type and title of a problem known only by its status: what Tomcat, Spring
 * Security's firewall and the servlet error page answer, before or outside any
 * controller. The slugs are those {@link ProblemHandler} gives Spring's own exceptions,
 * so a 400 is {@code bad-request} wherever it was raised.
 */
final class StatusProblems {

	private static final Map<Integer, String> SLUGS = Map.ofEntries(Map.entry(400, "bad-request"),
			Map.entry(404, "not-found"), Map.entry(405, "method-not-allowed"), Map.entry(406, "not-acceptable"),
			Map.entry(409, "conflict"), Map.entry(413, "payload-too-large"), Map.entry(415, "unsupported-media-type"),
			Map.entry(422, "unprocessable"), Map.entry(500, "internal-error"), Map.entry(503, "unavailable"));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private StatusProblems() {
	}

	/** The full type URI for a status. */
	static String type(int status) {
		return DomainException.typeOf(SLUGS.getOrDefault(status, "error"));
	}

	/** The fixed title for a status: its reason phrase. */
	static String title(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

	/** A detail for a status when nothing more is known. */
	static String detail(int status) {
		if (status >= 500) {
			return "The service failed to handle this request. Nothing was changed by it; the error is in the service log.";
		}
		return switch (status) {
			case 400 -> "The request is not valid HTTP or has a path, query or header this service refuses.";
			case 404 -> "No endpoint has this path; the API is under /api/v1 (docs/api.md).";
			case 405 -> "The path exists but not for this method.";
			case 413 -> "The request is larger than this service accepts.";
			default -> "The request was refused (" + title(status) + ").";
		};
	}

	/** A problem body as JSON text, for writers that have no message converter. */
	static String json(int status, String detail, @Nullable String instance) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type(status));
		problem.put("title", title(status));
		problem.put("status", status);
		problem.put("detail", detail);
		if (instance != null && !instance.isEmpty()) {
			problem.put("instance", instance);
		}
		return JSON.writeValueAsString(problem);
	}

}
