package dev.reproserve.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.reproserve.bundle.InvalidBundleException;
import dev.reproserve.bundle.JsonErrors;
import dev.reproserve.shared.DatabaseFailures;
import dev.reproserve.shared.DomainException;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The one place where exceptions become {@code application/problem+json}: each
 * capability's {@link DomainException} by its kind, slug, title, detail and members, and
 * Spring's standard MVC exceptions keep their status but get a stable type URI from
 * {@link StatusProblems}; anything unexpected becomes a generic 500 without internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/** How long a client should wait before it sends a request the database refused. */
	static final int DATABASE_RETRY_AFTER_SECONDS = 5;

	/** The status each kind of domain failure answers with. */
	private static final Map<DomainException.Kind, HttpStatus> STATUSES = Map.of(DomainException.Kind.INVALID,
			HttpStatus.UNPROCESSABLE_CONTENT, DomainException.Kind.MALFORMED, HttpStatus.BAD_REQUEST,
			DomainException.Kind.NOT_FOUND, HttpStatus.NOT_FOUND, DomainException.Kind.CONFLICT, HttpStatus.CONFLICT,
			DomainException.Kind.TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE, DomainException.Kind.BUSY,
			HttpStatus.TOO_MANY_REQUESTS, DomainException.Kind.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
			DomainException.Kind.UNAUTHENTICATED, HttpStatus.UNAUTHORIZED, DomainException.Kind.FORBIDDEN,
			HttpStatus.FORBIDDEN);

	@ExceptionHandler(DomainException.class)
	ResponseEntity<Object> handleDomain(DomainException ex, WebRequest request) {
		HttpStatus status = STATUSES.get(ex.kind());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.detail());
		problem.setType(typeUri(ex.slug()));
		problem.setTitle(ex.title());
		ex.members().forEach(problem::setProperty);
		HttpHeaders headers = new HttpHeaders();
		if (ex.retryAfterSeconds() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()));
		}
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@ExceptionHandler(InvalidBundleException.class)
	ResponseEntity<Object> handleInvalidBundle(InvalidBundleException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setType(typeUri(InvalidBundleException.SLUG));
		problem.setTitle(InvalidBundleException.TITLE);
		problem.setProperty("reason", ex.reason());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.UNPROCESSABLE_CONTENT, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				JsonErrors.describe(ex.getMostSpecificCause()));
		problem.setType(typeUri("malformed-request"));
		problem.setTitle("Malformed request body");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A request without a {@code Content-Type} header is told that the header is missing,
	 * not that the media type {@code 'null'} is not supported.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getContentType() != null || ex.getSupportedMediaTypes().isEmpty()) {
			return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
		}
		return problem(ex, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported Media Type",
				"The request has no Content-Type header; send the body with Content-Type: "
						+ MediaType.toString(ex.getSupportedMediaTypes()) + ".",
				headers, request);
	}

	/**
	 * A query parameter or form field that is not valid percent-encoded UTF-8: Tomcat
	 * raises it when the parameters are first read.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> handleUndecodableParameter(InvalidParameterException ex, WebRequest request) {
		return problem(ex, HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
				"A query parameter (or form field) is not valid percent-encoded UTF-8: "
						+ "write '%' as %25 and each byte of other characters as %XX.",
				new HttpHeaders(), request);
	}

	/**
	 * A multipart body that cannot be parsed (no boundary, no parts); one over the size
	 * limits is Spring's {@code MaxUploadSizeExceededException}, a 413, handled by the
	 * base class.
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> handleUnreadableMultipart(MultipartException ex, WebRequest request) {
		return problem(ex, HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request body",
				"The multipart/form-data body cannot be read: it needs a boundary parameter in its Content-Type "
						+ "and parts separated by that boundary, each with a Content-Disposition naming it.",
				new HttpHeaders(), request);
	}

	private ResponseEntity<Object> problem(Exception ex, HttpStatus status, String slug, String title, String detail,
			HttpHeaders headers, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(typeUri(slug));
		problem.setTitle(title);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Path or query parameter '"
				+ ex.getName() + "' has an invalid value '" + ex.getValue() + "'"
				+ (ex.getRequiredType() != null ? "; expected " + JsonErrors.describe(ex.getRequiredType()) : "")
				+ ".");
		problem.setType(typeUri("invalid-parameter"));
		problem.setTitle("Invalid parameter");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(Exception.class)
	@Nullable ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			return clientGone(ex, request);
		}
		if (DatabaseFailures.isUnavailable(ex)) {
			return databaseUnavailable(ex, request);
		}
		log.error("Unexpected error on {}", request.getDescription(false), ex);
		return problem(ex, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The service failed to handle this request. Nothing was changed by it; the error is in the service log.",
				new HttpHeaders(), request);
	}

	/**
	 * The database is down, restarting or has no connection free: nothing this request
	 * wanted to write was written, and the same request may be sent again. Predictions
	 * are not affected (they never touch the database).
	 */
	private ResponseEntity<Object> databaseUnavailable(Exception ex, WebRequest request) {
		log.warn("The database is unavailable for {}: {}", request.getDescription(false),
				NestedExceptionUtils.getMostSpecificCause(ex).toString());
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(DATABASE_RETRY_AFTER_SECONDS));
		return problem(ex, HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
				"The registry database is unavailable, so this request could not be served; nothing was changed by it."
						+ " Send it again after the Retry-After seconds. Predictions are served from memory meanwhile.",
				headers, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// The same list shape as every other 422: one sentence per problem, naming its
		// field.
		List<String> problems = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + " " + error.getDefaultMessage())
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				problems.size() + " invalid field(s) in the request body: " + String.join("; ", problems) + ".");
		problem.setType(typeUri("invalid-request"));
		problem.setTitle("Invalid request");
		problem.setProperty("problems", problems);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.UNPROCESSABLE_CONTENT, request);
	}

	/**
	 * A client that closed its connection mid-response (the end of every load test) is
	 * not the service's error and gets nothing more: logged at DEBUG, not as Spring's
	 * WARN "Response already committed" once per connection.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			return clientGone(ex, request);
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private static @Nullable ResponseEntity<Object> clientGone(Exception ex, WebRequest request) {
		log.debug("The client went away during {}: {}", request.getDescription(false), ex.toString());
		return null;
	}

	/** Last step for every problem: give Spring's own ones a stable type URI. */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			problem.setType(URI.create(StatusProblems.type(statusCode.value())));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	static URI typeUri(String slug) {
		return URI.create(DomainException.typeOf(slug));
	}

}
