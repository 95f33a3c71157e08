package dev.reproserve.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local TCP port that forwards every connection to a server while it is up, and is
 * closed while it is down, its open connections cut: a SQL source that goes away and
 * comes back, for real, for the service that reaches it through this port.
 */
public final class PortForwarder {

	private final String targetHost;

	private final int targetPort;

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private ServerSocket server;

	private PortForwarder(String targetHost, int targetPort, int port) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.port = port;
	}

	/** A forwarder to that server on a free local port, down until {@link #up()}. */
	static PortForwarder to(String host, int port) {
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			return new PortForwarder(host, port, probe.getLocalPort());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The local port. */
	public int port() {
		return this.port;
	}

	/** Opens the port: connections reach the server from now on. */
	public synchronized void up() {
		if (this.server != null) {
			return;
		}
		try {
			ServerSocket listening = new ServerSocket();
			listening.setReuseAddress(true);
			listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			this.server = listening;
			daemon(() -> accept(listening));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Closes the port and cuts every connection through it. */
	public synchronized void down() {
		if (this.server == null) {
			return;
		}
		close(this.server);
		this.server = null;
		this.open.forEach(PortForwarder::close);
		this.open.clear();
	}

	private void accept(ServerSocket listening) {
		while (!listening.isClosed()) {
			try {
				Socket client = listening.accept();
				Socket target = new Socket(this.targetHost, this.targetPort);
				this.open.add(client);
				this.open.add(target);
				daemon(() -> pipe(client, target));
				daemon(() -> pipe(target, client));
			}
			catch (IOException ex) {
				// Closed by down(), or the server refused: the client sees a cut.
			}
		}
	}

	private static void pipe(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// One side closed.
		}
		finally {
			close(from);
			close(to);
		}
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "port-forwarder");
		thread.setDaemon(true);
		thread.start();
	}

	private static void close(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

}
