package dev.reproserve.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.http.HttpHeaders;

/**
 * Bytes written to the server's port as they are, and its answer read back as it came:
 * for the requests no HTTP client library will send (a malformed request line, a raw
 * {@code |} in the path, headers over the limit), which Tomcat refuses before Spring sees
 * them.
 */
public final class RawHttp {

	private static final int TIMEOUT_MILLIS = 10_000;

	private RawHttp() {
	}

	/** Sends the request text (ISO-8859-1) and reads the one answer. */
	public static Response send(int port, String request) {
		return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
	}

	/** Sends the request bytes and reads the one answer, until the body's end. */
	public static Response send(int port, byte[] request) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before it read all of a large request.
			}
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Response read(InputStream in) throws IOException {
		String statusLine = line(in);
		if (statusLine == null) {
			throw new IOException("The server closed the connection without an answer");
		}
		String[] parts = statusLine.split(" ", 3);
		int status = Integer.parseInt(parts[1]);
		HttpHeaders headers = new HttpHeaders();
		for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
			int colon = line.indexOf(':');
			headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
		}
		byte[] body;
		String length = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
		String encoding = headers.getFirst(HttpHeaders.TRANSFER_ENCODING);
		if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
			body = chunked(in);
		}
		else if (length != null) {
			body = in.readNBytes(Integer.parseInt(length));
		}
		else {
			body = untilClosed(in);
		}
		return new Response(status, headers, body);
	}

	private static byte[] chunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (String size = line(in); size != null; size = line(in)) {
			int semicolon = size.indexOf(';');
			int bytes = Integer.parseInt(((semicolon >= 0) ? size.substring(0, semicolon) : size).trim(), 16);
			if (bytes == 0) {
				break;
			}
			body.write(in.readNBytes(bytes));
			line(in);
		}
		return body.toByteArray();
	}

	private static byte[] untilClosed(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				body.write(buffer, 0, n);
			}
		}
		catch (SocketTimeoutException ex) {
			// A connection kept open: what came is the body.
		}
		return body.toByteArray();
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				return (line.size() > 0) ? line.toString(StandardCharsets.ISO_8859_1) : null;
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

}
