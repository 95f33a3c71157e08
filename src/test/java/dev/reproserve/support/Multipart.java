package dev.reproserve.support;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body built by hand: java.net.http has no encoder for it. */
public final class Multipart {

	private final String boundary = "reproserve-" + UUID.randomUUID();

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	/** Adds a part; {@code filename} may be null for a plain field. */
	public Multipart part(String name, String filename, String contentType, byte[] content) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
				+ ((filename != null) ? "; filename=\"" + filename + "\"" : "") + "\r\nContent-Type: " + contentType
				+ "\r\n\r\n");
		this.bytes.writeBytes(content);
		write("\r\n");
		return this;
	}

	/** Adds a file part. */
	public Multipart file(String name, String filename, String contentType, byte[] content) {
		return part(name, filename, contentType, content);
	}

	public String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	/** The finished body; call once, after the last part. */
	public byte[] bytes() {
		write("--" + this.boundary + "--\r\n");
		return this.bytes.toByteArray();
	}

	/** The finished body for java.net.http; call once, after the last part. */
	public BodyPublisher body() {
		return BodyPublishers.ofByteArray(bytes());
	}

	private void write(String text) {
		this.bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
