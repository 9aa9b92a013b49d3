package io.strata.adapters.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.servers.Server;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description names its server as a relative URL: springdoc would otherwise build it from the request's
 * Host header, so a forged Host would come back in {@code /v3/api-docs}, and behind a proxy the URL would be wrong.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(servers = @Server(url = "/", description = "the server that serves this description"))
class ApiDescription {
}
