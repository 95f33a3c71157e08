package dev.reproserve.security;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access settings.
 *
 * @param adminKey the secret of the {@code admin} key, hashed and stored at the first
 * start that sees it (environment: {@code REPROSERVE_SECURITY_ADMIN_KEY}); with none and
 * no key in the database, the first start creates one and logs it once
 * @param anonymousRoles roles an unauthenticated caller gets ({@code predict},
 * {@code read}); none by default, and a warning at start when any is given
 * @param keyRefreshInterval how often each replica re-reads the keys, so a key revoked on
 * another replica is refused within this interval
 */
@Validated
@ConfigurationProperties("reproserve.security")
public record SecurityProperties(@Nullable String adminKey, @DefaultValue List<Role> anonymousRoles,
		@DefaultValue("500ms") Duration keyRefreshInterval) {
}
