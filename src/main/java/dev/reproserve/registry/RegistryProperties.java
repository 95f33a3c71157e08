package dev.reproserve.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Registry settings.
 *
 * @param maxBundleSize the largest bundle an upload may carry; keep
 * {@code spring.servlet.multipart.max-file-size} at least as large
 */
@Validated
@ConfigurationProperties("reproserve.registry")
public record RegistryProperties(@DefaultValue("256MB") DataSize maxBundleSize) {
}
