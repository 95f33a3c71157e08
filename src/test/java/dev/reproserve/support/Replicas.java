package dev.reproserve.support;

import java.util.ArrayList;
import java.util.List;

import dev.reproserve.ReproserveApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another replica of the service, started by a test on a database of its own choosing: a
 * random port, the examples off, the tests' admin key, and any further settings.
 */
public final class Replicas {

	private Replicas() {
	}

	/** Starts a replica; close it when done. */
	public static ConfigurableApplicationContext start(TestDatabase database, String... settings) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--reproserve.examples.enabled=false",
				TestKeys.ADMIN_ARGUMENT));
		args.addAll(List.of(settings));
		return new SpringApplicationBuilder(ReproserveApplication.class).run(args.toArray(String[]::new));
	}

	/** A client on a started replica's port, with the tests' admin key. */
	public static ReproserveClient client(ConfigurableApplicationContext replica) {
		return ReproserveClient
			.onPort(replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

}
