package io.strata.adapters.web.security;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With STRATA_BASE_URL set, every request reports that scheme, host and port, whatever Host header it came with:
 * Tomcat's proxy name and port (and scheme) take the place of the Host header, so redirects, the request URL and
 * the session cookie's Secure flag follow the configured address. Unset, Tomcat uses the Host header, and Strata's
 * redirects are relative so that they never name it (see docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
public class BaseUrlConfiguration {

    @Bean
    TomcatConnectorCustomizer baseUrlConnector(BaseUrlSettings settings) {
        var baseUrl = BaseUrl.parse(settings.baseUrl());
        return connector -> baseUrl.ifPresent(base -> {
            connector.setProxyName(base.host());
            connector.setProxyPort(base.port());
            connector.setScheme(base.scheme());
            connector.setSecure(base.secure());
        });
    }
}
