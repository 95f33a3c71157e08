package dev.reproserve.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A PostgreSQL server on a data folder kept across restarts, with PostgreSQL's durable
 * defaults. {@code pg_ctl} starts it in a session of its own, so the signal of a
 * terminal's Ctrl-C reaches the service and not the database; nothing stops it but
 * {@link #close()} (no JVM shutdown hook of its own), which the service calls once
 * everything that writes is done. Its own log is {@code postgresql.log} in the data
 * folder.
 */
final class PostgresServer implements AutoCloseable {

	static final String SUPERUSER = "postgres";

	/**
	 * PostgreSQL's own defaults for durability, given on the command line so that no
	 * {@code postgresql.conf} or {@code ALTER SYSTEM} of an older run turns them off; TCP
	 * on localhost only, no Unix socket (nothing to share in {@code /tmp}).
	 */
	static final Map<String, String> SETTINGS = Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes",
			"on", "timezone", "UTC", "listen_addresses", "localhost", "unix_socket_directories", "''");

	private static final String LOG_FILE = "postgresql.log";

	private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;

	private static final Log log = LogFactory.getLog(PostgresServer.class);

	private final Path bin;

	private final Path dataDir;

	private final ServerAccount account;

	private final int port;

	private final FileLock lock;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private PostgresServer(Path bin, Path dataDir, ServerAccount account, int port, FileLock lock) {
		this.bin = bin;
		this.dataDir = dataDir;
		this.account = account;
		this.port = port;
		this.lock = lock;
	}

	/**
	 * Creates the cluster in {@code dataDir} if it has none yet, and starts it on a free
	 * port.
	 * @param binaries the folder of PostgreSQL's {@code bin/}
	 * @param leftovers where to say that a server left running by a killed run was
	 * stopped
	 * @throws IllegalStateException if another process uses the data folder
	 */
	static PostgresServer start(Path binaries, Path dataDir, ServerAccount account, Log leftovers) throws IOException {
		account.own(dataDir);
		Path bin = binaries.resolve("bin");
		if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
			run(account, bin, "initdb",
					List.of("-A", "trust", "-U", SUPERUSER, "-E", "UTF-8", "-D", dataDir.toString()), dataDir);
		}
		FileLock lock = lock(dataDir);
		try {
			if (Files.exists(dataDir.resolve("postmaster.pid"))
					&& Command.run(account.command(pgCtl(bin, dataDir, "status"))).succeeded()) {
				// This service holds the data folder's lock: the server is an orphan of a
				// killed run.
				run(account, bin, "pg_ctl", stopArgs(dataDir), dataDir);
				leftovers.info("Stopped the embedded PostgreSQL that a killed earlier run left running in " + dataDir);
			}
			int port = freePort();
			rotateLog(dataDir);
			List<String> args = new ArrayList<>(List.of("-D", dataDir.toString(), "-l",
					dataDir.resolve(LOG_FILE).toString(), "-o", options(port), "-w", "-t", "60", "-s", "start"));
			run(account, bin, "pg_ctl", args, dataDir);
			return new PostgresServer(bin, dataDir, account, port, lock);
		}
		catch (IOException | RuntimeException ex) {
			release(lock);
			throw ex;
		}
	}

	int port() {
		return this.port;
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.port + "/postgres";
	}

	/**
	 * Stops the server (fast: open transactions roll back) and waits for it; once only.
	 */
	@Override
	public void close() throws IOException {
		if (this.stopped.getAndSet(true)) {
			return;
		}
		try {
			run(this.account, this.bin, "pg_ctl", stopArgs(this.dataDir), this.dataDir);
			log.info("Stopped the embedded PostgreSQL in " + this.dataDir);
		}
		finally {
			release(this.lock);
		}
	}

	private static String options(int port) {
		return "-p " + port + " "
				+ SETTINGS.entrySet()
					.stream()
					.map((setting) -> "-c " + setting.getKey() + "=" + setting.getValue())
					.sorted()
					.collect(Collectors.joining(" "));
	}

	private static List<String> stopArgs(Path dataDir) {
		return List.of("-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "-s", "stop");
	}

	private static List<String> pgCtl(Path bin, Path dataDir, String action) {
		return List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), action);
	}

	private static void run(ServerAccount account, Path bin, String program, List<String> args, Path dataDir)
			throws IOException {
		List<String> command = new ArrayList<>(List.of(bin.resolve(program).toString()));
		command.addAll(args);
		Command done = Command.run(account.command(command));
		if (!done.succeeded()) {
			throw new IOException(done.failure() + logTail(dataDir));
		}
	}

	/**
	 * One service per data folder: a second would start a second server on the same
	 * files.
	 */
	private static FileLock lock(Path dataDir) throws IOException {
		FileChannel channel = FileChannel.open(dataDir.resolve("epg-lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		try {
			FileLock lock = channel.tryLock();
			if (lock != null) {
				return lock;
			}
		}
		catch (OverlappingFileLockException ex) {
			// Held in this JVM already.
		}
		channel.close();
		throw new IllegalStateException("Another service uses the embedded PostgreSQL data folder " + dataDir
				+ ": stop it, or give this one its own REPROSERVE_EMBEDDED_POSTGRES_DATA_DIR");
	}

	private static void release(FileLock lock) throws IOException {
		lock.channel().close();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void rotateLog(Path dataDir) throws IOException {
		Path logFile = dataDir.resolve(LOG_FILE);
		if (Files.exists(logFile) && Files.size(logFile) > LOG_ROTATE_BYTES) {
			Files.move(logFile, dataDir.resolve(LOG_FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static String logTail(Path dataDir) {
		Path logFile = dataDir.resolve(LOG_FILE);
		try {
			if (!Files.isReadable(logFile)) {
				return "";
			}
			List<String> lines = Files.readAllLines(logFile);
			return "; the end of " + logFile + ":\n"
					+ String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
		}
		catch (IOException ex) {
			return "";
		}
	}

}
