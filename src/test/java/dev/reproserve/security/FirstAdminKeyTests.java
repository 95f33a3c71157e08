package dev.reproserve.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.reproserve.ReproserveApplication;
import dev.reproserve.support.ReproserveClient;
import dev.reproserve.support.TestDatabase;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no admin key given and none in the database, the first start makes one and logs it
 * once; the key works, and a later start never logs it again.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminKeyTests {

	private static final Pattern LOGGED = Pattern
		.compile("Created the first admin key; it is shown this once and never again: (rsk_[A-Za-z0-9_-]{43})");

	@Test
	void theFirstStartMakesTheAdminKeyAndLogsItOnceOnly(CapturedOutput output) {
		TestDatabase database = TestDatabase.create();
		String secret;
		try (ConfigurableApplicationContext first = start(database)) {
			Matcher logged = LOGGED.matcher(output.getOut());
			assertThat(logged.find()).as("the key is logged").isTrue();
			secret = logged.group(1);
			ReproserveClient client = ReproserveClient
				.onPort(first.getEnvironment().getRequiredProperty("local.server.port", Integer.class))
				.withKey(secret);
			assertThat(client.getJson("/api/v1/keys").path("items").get(0).path("name").asString()).isEqualTo("admin");
		}
		int before = output.getOut().length();

		try (ConfigurableApplicationContext second = start(database)) {
			assertThat(output.getOut().substring(before)).doesNotContain("Created the first admin key")
				.doesNotContain(secret);
		}
	}

	private static ConfigurableApplicationContext start(TestDatabase database) {
		return new SpringApplicationBuilder(ReproserveApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--reproserve.examples.enabled=false");
	}

}
