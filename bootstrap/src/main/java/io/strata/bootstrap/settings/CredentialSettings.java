package io.strata.bootstrap.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strata.admin-password} (STRATA_ADMIN_PASSWORD) and {@code strata.api-token} (STRATA_API_TOKEN), provisioned at
 * start; empty means generated and printed once at first start.
 */
@ConfigurationProperties("strata")
public record CredentialSettings(@DefaultValue("") String adminPassword, @DefaultValue("") String apiToken) {
}
