package dev.reproserve.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reading a stream whole, but never more than a limit: a bundle entry, a request body,
 * decompressed data. What is over the limit is not read into memory.
 */
public final class BoundedReads {

	/** The largest array a JVM reliably allocates. */
	private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

	private BoundedReads() {
	}

	/**
	 * The whole stream when it holds at most {@code maxBytes}; empty when it holds more
	 * (only one byte past the limit is read to tell).
	 */
	public static Optional<byte[]> readAtMost(InputStream in, long maxBytes) throws IOException {
		byte[] content = in.readNBytes((int) Math.min(MAX_ARRAY, maxBytes + 1));
		return (content.length > maxBytes) ? Optional.empty() : Optional.of(content);
	}

}
