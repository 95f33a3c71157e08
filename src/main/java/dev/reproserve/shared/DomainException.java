package dev.reproserve.shared;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception a capability throws to say that a request was refused or cannot
 * be met. It carries what went wrong in domain terms: the {@link Kind} of failure, a
 * stable slug naming the problem, a fixed title, a human detail that says how to fix it,
 * and extra members that help a caller (a model name, a limit, the list of problems). It
 * knows nothing of HTTP: the web layer maps it to problem+json.
 */
public abstract class DomainException extends RuntimeException {

	/** Prefix of every problem type this service names; a slug follows it. */
	public static final String TYPE_BASE = "https://reproserve.dev/problems/";

	private final Kind kind;

	private final String slug;

	private final String title;

	private final String detail;

	private final Map<String, Object> members;

	private final List<String> problems;

	protected DomainException(Kind kind, String slug, String title, String detail) {
		this(kind, slug, title, detail, Map.of());
	}

	protected DomainException(Kind kind, String slug, String title, String detail, Map<String, ?> members) {
		this(kind, slug, title, detail, members, List.of());
	}

	/**
	 * @param problems every problem, where there are several; also given to callers as
	 * the {@code problems} member
	 */
	protected DomainException(Kind kind, String slug, String title, String detail, Map<String, ?> members,
			List<String> problems) {
		super(title + ": " + detail);
		this.kind = kind;
		this.slug = slug;
		this.title = title;
		this.detail = detail;
		// Sorted, so that extra members come out in the same order every time.
		TreeMap<String, Object> all = new TreeMap<>(members);
		if (!problems.isEmpty()) {
			all.put("problems", List.copyOf(problems));
		}
		this.members = java.util.Collections.unmodifiableMap(all);
		this.problems = List.copyOf(problems);
	}

	/** The full type of a problem slug, as callers see it. */
	public static String typeOf(String slug) {
		return TYPE_BASE + slug;
	}

	public Kind kind() {
		return this.kind;
	}

	/** A stable name of the problem, such as {@code model-not-found}. */
	public String slug() {
		return this.slug;
	}

	public String title() {
		return this.title;
	}

	public String detail() {
		return this.detail;
	}

	/** Extra members, sorted by name. */
	public Map<String, Object> members() {
		return this.members;
	}

	/** Every problem, where the refusal lists several; otherwise empty. */
	public List<String> problems() {
		return this.problems;
	}

	/** Seconds after which the same request may succeed, for a temporary refusal. */
	public @Nullable Integer retryAfterSeconds() {
		return null;
	}

	/** What sort of failure it is, which decides how a caller is told. */
	public enum Kind {

		/** The request is well-formed but asks for something that breaks a rule. */
		INVALID,

		/** The request itself cannot be read: malformed body or parameter. */
		MALFORMED,

		/** What the request names does not exist. */
		NOT_FOUND,

		/** The request clashes with the state of what it names. */
		CONFLICT,

		/** The request is over a size limit. */
		TOO_LARGE,

		/** The service is busy with other work; the same request may succeed later. */
		BUSY,

		/**
		 * Something outside the service that the request needs cannot be reached now; the
		 * same request may succeed later.
		 */
		UNAVAILABLE,

		/**
		 * The caller did not say who they are, or said it with a key that is not valid.
		 */
		UNAUTHENTICATED,

		/** The caller is known but may not do this. */
		FORBIDDEN

	}

}
