package dev.reproserve.web;

import java.io.IOException;
import java.io.InputStream;

import dev.reproserve.bundle.BoundedReads;
import dev.reproserve.shared.TooLargeException;

import jakarta.servlet.http.HttpServletRequest;

/** Reading raw request bodies within a size limit. */
public final class RequestBodies {

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

}
