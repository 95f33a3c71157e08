package dev.reproserve.embedded;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import org.springframework.util.FileSystemUtils;

/**
 * The PostgreSQL binaries of the embedded default: the archive in zonky's binary jar for
 * this system, unpacked once into a folder named for its digest. Every file is left
 * readable (and the executables executable) by all, so that an unprivileged account can
 * run them when the service is root. Unpacked into a temporary folder and then renamed,
 * so two services starting at once never see half an unpacking.
 */
final class PostgresBinaries {

	private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");

	private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

	private PostgresBinaries() {
	}

	/**
	 * Unpacks the binaries that {@link #archive()} read into {@code parent/<digest>}
	 * unless they are there already.
	 * @return the folder holding {@code bin/}, {@code lib/} and {@code share/}
	 */
	static Path unpack(byte[] archive, Path parent) throws IOException {
		Path target = parent.resolve(digest(archive));
		if (Files.isExecutable(target.resolve("bin").resolve("pg_ctl"))) {
			return target;
		}
		Files.createDirectories(parent);
		setPermissions(parent, EXECUTABLE);
		Path unpacking = Files.createTempDirectory(parent, ".unpacking-");
		try {
			extract(archive, unpacking);
			readableByAll(unpacking);
			Files.move(unpacking, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException | AtomicMoveNotSupportedException ex) {
			// Another service unpacked the same binaries meanwhile.
		}
		catch (IOException ex) {
			if (!Files.isDirectory(target)) {
				throw ex;
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(unpacking);
		}
		return target;
	}

	/**
	 * The archive of this platform's binaries.
	 * @throws EmbeddedPostgresMissingException when this build carries none
	 */
	static byte[] archive() throws IOException {
		InputStream found;
		try {
			found = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture());
		}
		catch (IllegalStateException ex) {
			// zonky's word for "no binary jar of this platform on the classpath".
			throw new EmbeddedPostgresMissingException(system() + " " + architecture(), ex);
		}
		try (InputStream in = found) {
			return in.readAllBytes();
		}
	}

	private static String system() {
		String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
		if (os.startsWith("linux")) {
			return "Linux";
		}
		if (os.startsWith("mac")) {
			return "Darwin";
		}
		throw new IllegalStateException("The embedded PostgreSQL runs on Linux and macOS, not on " + os);
	}

	private static String architecture() {
		String arch = System.getProperty("os.arch");
		return "amd64".equals(arch) ? "x86_64" : arch;
	}

	private static String digest(byte[] archive) {
		try {
			byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(archive);
			return HexFormat.of().formatHex(sha256, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void extract(byte[] archive, Path into) throws IOException {
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = into.resolve(entry.getName()).normalize();
				if (!path.startsWith(into)) {
					throw new IOException("The PostgreSQL archive names a file outside its folder: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
					continue;
				}
				Files.createDirectories(path.getParent());
				if (entry.isSymbolicLink()) {
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else if (entry.isLink()) {
					Files.createLink(path, into.resolve(entry.getLinkName()));
				}
				else {
					Files.copy(tar, path);
					boolean executable = (entry.getMode() & 0100) != 0 || entry.getName().startsWith("bin/");
					setPermissions(path, executable ? EXECUTABLE : READABLE);
				}
			}
		}
	}

	/** Folders traversable and files readable by all, whatever the umask. */
	private static void readableByAll(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			paths.filter((path) -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
				.forEach((folder) -> setPermissions(folder, EXECUTABLE));
		}
	}

	private static void setPermissions(Path path, Set<PosixFilePermission> permissions) {
		try {
			Files.setPosixFilePermissions(path, permissions);
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: nothing to open up.
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
