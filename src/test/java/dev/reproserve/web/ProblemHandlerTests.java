package dev.reproserve.web;

import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A client that closes its connection mid-answer (the end of every load test) gets
 * nothing more and leaves no warning or error in the log; anything else unexpected is
 * still a logged 500, but a database that cannot be reached is a 503 the client may
 * retry.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProblemHandlerTests {

	private final ProblemHandler handler = new ProblemHandler();

	@Test
	void aClientThatWentAwayIsNeitherAnsweredNorWarnedAbout(CapturedOutput output) throws Exception {
		ServletWebRequest request = committedRequest();

		// A write that failed inside the service's own writer, and one inside Spring's
		// message converter, which wraps it.
		assertThat(this.handler.handleUnexpected(new ClientAbortException(new IOException("Broken pipe")), request))
			.isNull();
		assertThat(this.handler.handleException(
				new HttpMessageNotWritableException("I/O error", new ClientAbortException("Connection reset by peer")),
				request))
			.isNull();

		assertThat(output).doesNotContain("Response already committed").doesNotContain("Unexpected error");
	}

	@Test
	void anythingElseUnexpectedIsStillALogged500(CapturedOutput output) {
		ResponseEntity<Object> answer = this.handler.handleUnexpected(new IllegalStateException("a bug"),
				new ServletWebRequest(
						new MockHttpServletRequest("POST", "/api/v1/models/iris/aliases/production/predict"),
						new MockHttpServletResponse()));

		assertThat(answer).isNotNull();
		assertThat(answer.getStatusCode().value()).isEqualTo(500);
		assertThat(((ProblemDetail) answer.getBody()).getTitle()).isEqualTo("Internal error");
		assertThat(output).contains("Unexpected error");
	}

	@Test
	void aDatabaseThatCannotBeReachedIsA503WithRetryAfterAndOneWarning(CapturedOutput output) {
		// The driver's own exception for a server that is down, as the transaction
		// manager
		// wraps it.
		SQLException refused = assertThrows(SQLException.class,
				() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "x", "x"));
		ResponseEntity<Object> answer = this.handler.handleUnexpected(
				new CannotCreateTransactionException("Could not open JPA EntityManager for transaction", refused),
				new ServletWebRequest(new MockHttpServletRequest("PUT", "/api/v1/models/iris/aliases/production"),
						new MockHttpServletResponse()));

		assertThat(answer).isNotNull();
		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		ProblemDetail problem = (ProblemDetail) answer.getBody();
		assertThat(problem.getType()).hasToString("https://reproserve.dev/problems/database-unavailable");
		assertThat(problem.getDetail()).contains("nothing was changed").contains("Retry-After");
		assertThat(output).contains("WARN").contains("The database is unavailable").doesNotContain("Unexpected error");
	}

	private static ServletWebRequest committedRequest() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setCommitted(true);
		return new ServletWebRequest(
				new MockHttpServletRequest("POST", "/api/v1/models/iris/aliases/production/predict"), response);
	}

}
