package dev.reproserve.support;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.ExchangeResult;

/**
 * What the service answered to one request sent through {@link ReproserveClient}: status,
 * headers and the body exactly as sent, read as UTF-8 text or JSON when the test asks.
 */
public record Response(int statusCode, HttpHeaders headers, byte[] bytes) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Response of(ExchangeResult result) {
		byte[] body = result.getResponseBodyContent();
		return new Response(result.getStatus().value(), result.getResponseHeaders(),
				(body != null) ? body : new byte[0]);
	}

	/** The body as UTF-8 text. */
	public String body() {
		return new String(this.bytes, StandardCharsets.UTF_8);
	}

	/** The body read as JSON. */
	public JsonNode json() {
		return JSON.readTree(this.bytes);
	}

	/** The first value of a header. */
	public Optional<String> header(String name) {
		return Optional.ofNullable(this.headers.getFirst(name));
	}

	/** The media type of the body without its parameters, or null without a body. */
	public @Nullable MediaType mediaType() {
		MediaType type = this.headers.getContentType();
		return (type != null) ? new MediaType(type.getType(), type.getSubtype()) : null;
	}

	@Override
	public String toString() {
		return this.statusCode + " " + body();
	}

}
