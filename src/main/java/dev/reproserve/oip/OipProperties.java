package dev.reproserve.oip;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Open Inference Protocol settings.
 *
 * @param defaultAlias the alias a model path without a version means
 * ({@code /v2/models/iris/infer} predicts with the version this alias points at)
 */
@Validated
@ConfigurationProperties("reproserve.oip")
public record OipProperties(
		@DefaultValue("production") @Pattern(regexp = "[a-z][a-z0-9._-]{0,63}") String defaultAlias) {
}
