package dev.reproserve;

import dev.reproserve.bundle.SerializationLockdown;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
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

}
