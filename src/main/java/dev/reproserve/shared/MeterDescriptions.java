package dev.reproserve.shared;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Help text for the meters Spring and Tomcat register without one (HTTP requests, and the
 * Tomcat sessions the service never uses), so that {@code promtool check metrics} finds
 * none without it; the predict routes' own HTTP timers get the same. Reproserve's meters
 * carry theirs where they are built. A meter that has a description keeps it.
 */
@Configuration(proxyBeanMethods = false)
class MeterDescriptions {

	static final Map<String, String> DESCRIPTIONS = Map.of("http.server.requests",
			"HTTP requests answered, by URI template, method, status and outcome: time to the response",
			"http.server.requests.active", "HTTP requests in progress", "tomcat.sessions.active.current",
			"Tomcat sessions active now", "tomcat.sessions.active.max", "The most Tomcat sessions active at once",
			"tomcat.sessions.alive.max", "The longest time a Tomcat session was alive", "tomcat.sessions.created",
			"Tomcat sessions created", "tomcat.sessions.expired", "Tomcat sessions expired", "tomcat.sessions.rejected",
			"Tomcat sessions refused at the limit");

	@Bean
	MeterFilter describeSpringAndTomcatMeters() {
		return new MeterFilter() {
			@Override
			public Meter.Id map(Meter.Id id) {
				String description = DESCRIPTIONS.get(id.getName());
				if (description == null || id.getDescription() != null) {
					return id;
				}
				return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description,
						id.getType());
			}
		};
	}

}
