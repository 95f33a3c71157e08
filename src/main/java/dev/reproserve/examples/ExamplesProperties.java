package dev.reproserve.examples;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether an empty registry is seeded with the built-in iris model
 */
@ConfigurationProperties("reproserve.examples")
public record ExamplesProperties(@DefaultValue("true") boolean enabled) {
}
