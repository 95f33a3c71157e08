package dev.reproserve.datasets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Dataset settings.
 *
 * @param maxSize the largest CSV file a snapshot may be taken of; keep
 * {@code spring.servlet.multipart.max-file-size} at least as large
 */
@Validated
@ConfigurationProperties("reproserve.datasets")
public record DatasetsProperties(@DefaultValue("256MB") DataSize maxSize) {
}
