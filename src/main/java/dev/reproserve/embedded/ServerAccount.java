package dev.reproserve.embedded;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The account PostgreSQL's commands run as: the service's own, or, when the service runs
 * as root (which PostgreSQL refuses), an unprivileged account switched to for each
 * command with {@code setpriv}, else {@code runuser}, else {@code su}, as the official
 * PostgreSQL image does with its {@code postgres} account.
 */
final class ServerAccount {

	private final String name;

	private final List<String> prefix;

	private ServerAccount(String name, List<String> prefix) {
		this.name = name;
		this.prefix = prefix;
	}

	/** The service's own account. */
	static ServerAccount self() {
		return new ServerAccount(System.getProperty("user.name"), List.of());
	}

	/**
	 * The account {@code name}, reached from root by the first switch that works.
	 * @throws EmbeddedPostgresAsRootException if there is no such account or no switch to
	 * it works here
	 */
	static ServerAccount unprivileged(String name) {
		List<String> tried = new ArrayList<>();
		for (List<String> prefix : switches(name)) {
			try {
				Command probe = Command.run(concat(prefix, List.of("id", "-u")));
				String uid = probe.output().lines().reduce((first, second) -> second).orElse("");
				if (probe.succeeded() && uid.matches("[0-9]+") && !"0".equals(uid)) {
					return new ServerAccount(name, prefix);
				}
				tried.add(probe.failure());
			}
			catch (IOException ex) {
				tried.add(prefix.get(0) + ": " + ex.getMessage());
			}
		}
		throw new EmbeddedPostgresAsRootException(name, String.join("; ", tried));
	}

	private static List<List<String>> switches(String name) {
		List<List<String>> switches = new ArrayList<>();
		group(name).ifPresent(
				(gid) -> switches.add(List.of("setpriv", "--reuid=" + name, "--regid=" + gid, "--init-groups", "--")));
		switches.add(List.of("runuser", "-u", name, "--"));
		switches.add(List.of("su", "-s", "/bin/sh", name, "-c", "exec \"$0\" \"$@\""));
		return switches;
	}

	private static Optional<String> group(String name) {
		try {
			Command id = Command.run(List.of("id", "-g", name));
			return id.succeeded() ? Optional.of(id.output()) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** Whether the commands run as another account than the service's. */
	boolean switched() {
		return !this.prefix.isEmpty();
	}

	/** {@code args} run as this account. */
	List<String> command(List<String> args) {
		return concat(this.prefix, args);
	}

	/**
	 * Makes {@code dataDir} this account's: a folder root made (a fresh one, or one of an
	 * older run as root) changes hands; one of another user is refused, since it holds
	 * someone else's registry, and so is one the account cannot reach.
	 */
	void own(Path dataDir) throws IOException {
		if (!switched()) {
			return;
		}
		String owner = Files.getOwner(dataDir).getName();
		if (!owner.equals(this.name)) {
			if (!"root".equals(owner)) {
				throw new IllegalStateException("The embedded PostgreSQL's data folder " + dataDir + " belongs to '"
						+ owner + "', not to '" + this.name + "': set REPROSERVE_EMBEDDED_POSTGRES_RUN_AS=" + owner
						+ " to run it as its owner, or choose another REPROSERVE_EMBEDDED_POSTGRES_DATA_DIR");
			}
			UserPrincipal account = FileSystems.getDefault()
				.getUserPrincipalLookupService()
				.lookupPrincipalByName(this.name);
			try (Stream<Path> paths = Files.walk(dataDir)) {
				for (Path path : (Iterable<Path>) paths::iterator) {
					Files.getFileAttributeView(path, FileOwnerAttributeView.class, LinkOption.NOFOLLOW_LINKS)
						.setOwner(account);
				}
			}
		}
		Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
		if (!Command.run(command(List.of("test", "-w", dataDir.toString()))).succeeded()) {
			throw new IllegalStateException("The account '" + this.name + "' cannot reach the embedded PostgreSQL's "
					+ "data folder " + dataDir + ": every folder above it must be open to it (as /root is not), or "
					+ "choose another REPROSERVE_EMBEDDED_POSTGRES_DATA_DIR");
		}
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
