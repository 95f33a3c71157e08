package dev.reproserve.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name this replica records in what it writes: status events, reproductions, jobs.
 */
public final class Replica {

	private static final String NAME = resolve();

	private Replica() {
	}

	/** The host name (on Kubernetes, the pod name), or {@code unknown}. */
	public static String name() {
		return NAME;
	}

	private static String resolve() {
		String host = System.getenv("HOSTNAME");
		if (host != null && !host.isBlank()) {
			return host;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

}
