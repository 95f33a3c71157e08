package dev.reproserve.datasets.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import dev.reproserve.bundle.BoundedReads;

/**
 * Snapshot content is stored gzip-compressed: CSV text shrinks several times, and the
 * column is not compressed again by PostgreSQL.
 */
public final class Gzip {

	private Gzip() {
	}

	public static byte[] compress(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
		try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Compressing in memory cannot fail", ex);
		}
		return out.toByteArray();
	}

	/**
	 * Decompresses what was stored, or nothing when it is not gzip data or would exceed
	 * {@code maxBytes} (stored content is checked, not trusted).
	 */
	public static Optional<byte[]> decompress(byte[] gzipped, long maxBytes) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024)) {
			return BoundedReads.readAtMost(in, maxBytes);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
