package io.strata.adapters.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code strata.base-url} (STRATA_BASE_URL): where users reach the console; empty when redirects stay relative. */
@ConfigurationProperties("strata")
public record BaseUrlSettings(@DefaultValue("") String baseUrl) {
}
