package dev.reproserve.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The bundle file: a ZIP with exactly two entries, {@value #MANIFEST} then
 * {@value #MODEL}, both STORED (uncompressed) with a fixed timestamp. Stored entries keep
 * the bytes independent of the zlib build (the JDKs here link different ones), and the
 * fixed order and time make the same content always give the same file.
 */
final class BundleArchive {

	static final String MANIFEST = "manifest.json";

	static final String MODEL = "model.tribuo.pb";

	/**
	 * 1 January 1980, the earliest time a ZIP entry can hold, set in local time fields.
	 */
	private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

	private BundleArchive() {
	}

	static byte[] write(byte[] manifest, byte[] model) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(manifest.length + model.length + 512);
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.setMethod(ZipOutputStream.STORED);
			add(zip, MANIFEST, manifest);
			add(zip, MODEL, model);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setMethod(ZipEntry.STORED);
		entry.setTimeLocal(FIXED_TIME);
		entry.setSize(content.length);
		entry.setCompressedSize(content.length);
		CRC32 crc = new CRC32();
		crc.update(content);
		entry.setCrc(crc.getValue());
		zip.putNextEntry(entry);
		zip.write(content);
		zip.closeEntry();
	}

	/**
	 * Reads the two entries, refusing anything else: other or repeated entries, or
	 * content larger than {@code maxEntryBytes} (a guard against decompression bombs in
	 * hand-made archives).
	 */
	static Map<String, byte[]> read(byte[] bundle, long maxEntryBytes) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bundle))) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				String name = entry.getName();
				if (!MANIFEST.equals(name) && !MODEL.equals(name)) {
					throw InvalidBundleException.because(InvalidBundleException.Kind.ARCHIVE,
							"it contains the unexpected entry '" + name + "'; a bundle holds only " + MANIFEST + " and "
									+ MODEL);
				}
				if (entries.containsKey(name)) {
					throw InvalidBundleException.because(InvalidBundleException.Kind.ARCHIVE,
							"it contains '" + name + "' twice");
				}
				entries.put(name, readLimited(zip, name, maxEntryBytes));
			}
		}
		catch (IOException ex) {
			throw InvalidBundleException.because(InvalidBundleException.Kind.ARCHIVE,
					"it is not a readable ZIP archive (" + ex.getMessage() + ")");
		}
		for (String required : new String[] { MANIFEST, MODEL }) {
			if (!entries.containsKey(required)) {
				throw InvalidBundleException.because(InvalidBundleException.Kind.ARCHIVE,
						"it has no " + required + " entry; is it a Reproserve bundle?");
			}
		}
		return entries;
	}

	private static byte[] readLimited(InputStream in, String name, long max) throws IOException {
		return BoundedReads.readAtMost(in, max)
			.orElseThrow(() -> InvalidBundleException.because(InvalidBundleException.Kind.ARCHIVE,
					"entry '" + name + "' is larger than " + max + " bytes"));
	}

}
