package dev.reproserve.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole service on a random port against the run's throwaway PostgreSQL database.
 * Every class with this annotation shares one application context. The built-in example
 * is off: its own test starts the service on an empty database. A {@code RestTestClient}
 * bound to the server is there to autowire (wrap it in {@link ReproserveClient}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "reproserve.examples.enabled=false", "reproserve.serving.max-batch-size=50",
				"reproserve.security.admin-key=" + TestKeys.ADMIN,
				// Long enough that a test sees alias changes arrive through notifications
				// only.
				"reproserve.serving.alias-refresh-interval=1h",
				// A job whose source is down retries within seconds, not minutes.
				"reproserve.training.source-retries=3", "reproserve.training.source-retry-delay=500ms" })
@AutoConfigureRestTestClient
@Import({ TestDatabaseConfiguration.class, JobGate.class })
public @interface ReproserveTest {

}
