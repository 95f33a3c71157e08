package dev.reproserve.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.reproserve.bundle.BoundedReads;
import dev.reproserve.shared.TooLargeException;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;

/**
 * Reading raw request bodies within a size limit, and only of the media type the endpoint
 * reads: a body of another type would otherwise be read as if it were one (a JSON
 * document taken as CSV data).
 */
public final class RequestBodies {

	/** CSV text as the datasets and reproductions read it: UTF-8. */
	public static final MediaType TEXT_CSV = new MediaType("text", "csv");

	private RequestBodies() {
	}

	/**
	 * Reads the whole body, refusing one over {@code maxBytes} with 413 (by its declared
	 * length before reading, or while reading a chunked body).
	 */
	public static byte[] read(HttpServletRequest request, long maxBytes, String what) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			throw new TooLargeException(what + " of " + declared + " bytes", maxBytes, "bytes");
		}
		try (InputStream in = request.getInputStream()) {
			return BoundedReads.readAtMost(in, maxBytes)
				.orElseThrow(() -> new TooLargeException(what, maxBytes, "bytes"));
		}
	}

	/** Whether the request carries a body: a length above 0, or a chunked one. */
	public static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

	/**
	 * Refuses with 415 a body that is not {@code text/csv}, or that declares a charset
	 * other than UTF-8 (CSV is read as UTF-8 and nothing else; US-ASCII is a part of it).
	 */
	public static void requireCsv(HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
		MediaType type = contentType(request);
		List<MediaType> accepted = List.of(TEXT_CSV);
		HttpMethod method = HttpMethod.valueOf(request.getMethod());
		if (type == null || !TEXT_CSV.equalsTypeAndSubtype(type)) {
			String sent = (type != null) ? "'" + type + "'" : describe(request.getContentType());
			throw new UnsupportedBody(type, accepted, method,
					"Content-Type " + sent + " is not supported here; send the data as text/csv (UTF-8).");
		}
		Charset charset;
		try {
			charset = type.getCharset();
		}
		catch (IllegalArgumentException ex) {
			charset = null;
			if (type.getParameter("charset") != null) {
				throw new UnsupportedBody(type, accepted, method,
						"Charset " + type.getParameter("charset") + " is not supported: send the CSV as UTF-8.");
			}
		}
		if (charset != null && !charset.equals(StandardCharsets.UTF_8) && !charset.equals(StandardCharsets.US_ASCII)) {
			throw new UnsupportedBody(type, accepted, method,
					"Charset " + charset.name() + " is not supported: send the CSV as UTF-8 (text/csv;charset=UTF-8).");
		}
	}

	private static @Nullable MediaType contentType(HttpServletRequest request) {
		String header = request.getContentType();
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return MediaType.parseMediaType(header);
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

	private static String describe(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return "(none)";
		}
		String shown = (header.length() > 80) ? header.substring(0, 80) + "..." : header;
		return "'" + shown + "'";
	}

	/**
	 * Spring's 415, with a detail of its own: its class has no message code of its own in
	 * {@code messages.properties}, so the detail set here is the one answered.
	 */
	private static final class UnsupportedBody extends HttpMediaTypeNotSupportedException {

		UnsupportedBody(@Nullable MediaType type, List<MediaType> accepted, HttpMethod method, String detail) {
			super((type != null) ? type : MediaType.APPLICATION_OCTET_STREAM, accepted, method, detail);
			getBody().setDetail(detail);
		}

	}

}
