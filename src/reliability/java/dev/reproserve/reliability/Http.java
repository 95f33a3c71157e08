package dev.reproserve.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drills' HTTP client: every request carries the admin key, every failure to get an
 * answer is status -1 (never an exception), and a raw socket for what a client library
 * would not send.
 */
final class Http {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	record Answer(int status, String body, java.net.http.HttpHeaders headers) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		Optional<String> header(String name) {
			return (this.headers != null) ? this.headers.firstValue(name) : Optional.empty();
		}

		boolean isProblem() {
			return header("Content-Type").orElse("").startsWith("application/problem+json") && this.body.contains("\"type\"");
		}

		@Override
		public String toString() {
			return this.status + " " + (this.body.length() > 300 ? this.body.substring(0, 300) + "..." : this.body);
		}

	}

	Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(
					request.header("Authorization", "Bearer " + Drills.ADMIN_KEY).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException ex) {
			return new Answer(-1, ex.toString(), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(-1, ex.toString(), null);
		}
	}

	Answer get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	Answer put(String url, String json) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	Answer post(String url, String contentType, byte[] body) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	Answer postJson(String url, String json) {
		return post(url, "application/json", json.getBytes(StandardCharsets.UTF_8));
	}

	static final String SETOSA = "{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4,"
			+ " \"petal_width\": 0.2}]}";

	Answer predict(Replica replica, String model, String alias) {
		return postJson(replica.url("/api/v1/models/" + model + "/aliases/" + alias + "/predict"), SETOSA);
	}

	/** The version a predict answer names, or -1. */
	static int version(Answer answer) {
		if (answer.status() != 200) {
			return -1;
		}
		int at = answer.body().indexOf("\"version\":");
		if (at < 0) {
			return -1;
		}
		int end = at + 10;
		while (end < answer.body().length() && Character.isDigit(answer.body().charAt(end))) {
			end++;
		}
		return Integer.parseInt(answer.body().substring(at + 10, end));
	}

	Answer moveAlias(Replica replica, String model, String alias, int version, String reason) {
		return put(replica.url("/api/v1/models/" + model + "/aliases/" + alias),
				"{\"version\": " + version + ", \"reason\": \"" + reason + "\"}");
	}

	/** Writes a request body of so many bytes of filler. */
	private interface Body {

		void write(OutputStream out, byte[] chunk, long bytes) throws IOException;

	}

	/**
	 * Sends the head of a request and {@code bodyBytes} of its body over a raw socket, then
	 * reads what comes back within the timeout: the status line and the rest, or the
	 * exception's name.
	 */
	static String raw(int port, String head, long bodyBytes, Duration timeout) {
		return exchange(port, head, bodyBytes, timeout, (out, chunk, bytes) -> {
			for (long sent = 0; sent < bytes; sent += chunk.length) {
				out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
			}
		});
	}

	/** Sends a chunked body of that many bytes; what came back, as {@link #raw}. */
	static String rawChunked(int port, String head, long bodyBytes, Duration timeout) {
		return exchange(port, head, bodyBytes, timeout, (out, chunk, bytes) -> {
			byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
			for (long sent = 0; sent < bytes; sent += chunk.length) {
				out.write(size);
				out.write(chunk);
				out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
			}
			out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
		});
	}

	private static String exchange(int port, String head, long bodyBytes, Duration timeout, Body body) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			byte[] chunk = new byte[64 * 1024];
			java.util.Arrays.fill(chunk, (byte) 'a');
			try {
				body.write(out, chunk, bodyBytes);
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before the body is sent: read its answer.
			}
			InputStream in = socket.getInputStream();
			return new String(in.readNBytes(8192), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			return ex.getClass().getSimpleName() + ": " + ex.getMessage();
		}
	}

	/** Sends a whole request with its body spread evenly over {@code spread}; ignores the answer. */
	static void rawSlow(int port, String head, byte[] body, Duration spread) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			int pieces = 20;
			int piece = (body.length + pieces - 1) / pieces;
			for (int i = 0; i < body.length; i += piece) {
				out.write(body, i, Math.min(piece, body.length - i));
				out.flush();
				Thread.sleep(spread.toMillis() / pieces);
			}
			socket.getInputStream().readNBytes(4096);
		}
		catch (IOException | InterruptedException ex) {
			// the replica was killed: expected
		}
	}

	static List<String> lines(String text) {
		return List.of(text.split("\r?\n"));
	}

}
