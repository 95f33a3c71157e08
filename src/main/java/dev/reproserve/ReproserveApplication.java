package dev.reproserve;

import dev.reproserve.bundle.SerializationLockdown;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ReproserveApplication {

	public static void main(String[] args) {
		// Before anything else runs: no class may be read by Java deserialization in this
		// JVM. Tribuo's protobuf format does not need it.
		SerializationLockdown.install();
		SpringApplication.run(ReproserveApplication.class, args);
	}

	/**
	 * Every connection is checked when taken from the pool, however recently it was used:
	 * HikariCP skips the check within 500 ms of a connection's last use, and so handed
	 * requests connections that a database restart or {@code pg_terminate_backend} had
	 * closed (a 500 each, under load as many as the pool holds). A check is one round
	 * trip, and predictions never take a connection. Set before the pool's class loads;
	 * an explicit {@code -Dcom.zaxxer.hikari.aliveBypassWindowMs} wins.
	 */
	@Bean
	static BeanFactoryPostProcessor validateEveryPooledConnection() {
		return (beanFactory) -> {
			if (System.getProperty(HIKARI_ALIVE_BYPASS) == null) {
				System.setProperty(HIKARI_ALIVE_BYPASS, "0");
			}
		};
	}

	private static final String HIKARI_ALIVE_BYPASS = "com.zaxxer.hikari.aliveBypassWindowMs";

}
