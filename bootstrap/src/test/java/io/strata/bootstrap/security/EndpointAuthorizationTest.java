package io.strata.bootstrap.security;

import io.strata.adapters.web.security.ApiAccessRules;
import io.strata.application.security.port.out.ApiTokens;
import io.strata.application.security.Role;
import io.strata.application.security.TokenDigest;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.security.MappedEndpoints.Endpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every mapped API endpoint has an explicit rule; without credentials it answers 401, with a wrong role 403. */
class EndpointAuthorizationTest extends EndToEndTest {

    private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ApiTokens tokens;

    @BeforeAll
    static void oneTokenPerRole() {
        for (Role role : Role.values()) {
            TOKENS.put(role, "role-test-token-" + role.name().toLowerCase());
        }
    }

    private List<Endpoint> apiEndpoints() {
        TOKENS.forEach((role, token) -> tokens.register("test " + role, TokenDigest.of(token), role, null));
        return MappedEndpoints.matching(mappings, pattern -> pattern.startsWith("/api/"));
    }

    @Test
    void theApiHasEndpointsToCheck() {
        assertThat(apiEndpoints()).extracting(Endpoint::pattern).contains("/api/v1/imports/{entity:customers|orders|events}");
    }

    @Test
    void everyApiEndpointHasAnExplicitRule() {
        assertThat(apiEndpoints()).allSatisfy(endpoint ->
                assertThat(ApiAccessRules.ruleFor(endpoint.method(), endpoint.samplePath()))
                        .as("rule for %s %s", endpoint.method(), endpoint.pattern()).isPresent());
    }

    @Test
    void everyApiEndpointRefusesCallsWithoutCredentials() throws Exception {
        for (Endpoint endpoint : apiEndpoints()) {
            HttpResponse<String> response = call(endpoint, null);
            assertThat(response.statusCode()).as("%s %s", endpoint.method(), endpoint.samplePath()).isEqualTo(401);
        }
    }

    @Test
    void everyApiEndpointRefusesRolesItDoesNotAllow() throws Exception {
        for (Endpoint endpoint : apiEndpoints()) {
            List<Role> allowed = ApiAccessRules.ruleFor(endpoint.method(), endpoint.samplePath()).orElseThrow().roles();
            for (Role role : Role.values()) {
                if (allowed.contains(role)) {
                    continue;
                }
                HttpResponse<String> response = call(endpoint, TOKENS.get(role));
                assertThat(response.statusCode()).as("%s %s as %s", endpoint.method(), endpoint.samplePath(), role).isEqualTo(403);
                assertThat(response.body()).contains("\"status\":403");
            }
        }
    }

    @Test
    void anImporterTokenCannotReadCustomers() throws Exception {
        HttpResponse<String> response = call(new Endpoint(HttpMethod.GET, "/api/v1/customers/{id}", "/api/v1/customers/c1"), TOKENS.get(Role.IMPORTER));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> call(Endpoint endpoint, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(endpoint.samplePath()))
                .method(endpoint.method().name(), HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }
}
