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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mapped API endpoint is in the expected matrix below, written out here and not read from
 * {@code ApiAccessRules}: without credentials it answers 401, a role the matrix leaves out gets 403, and a role it
 * grants is let through (whatever the endpoint then says of the empty request: 400, 404, ... but never 401 or 403).
 */
class EndpointAuthorizationTest extends EndToEndTest {

    /** Who may call what, from docs/security.md: ADMIN everything; PLANNER changes; ANALYST reads; IMPORTER imports. */
    private static final AccessMatrix EXPECTED = AccessMatrix.parse("""
            method  path                                                  ADMIN  PLANNER  ANALYST  IMPORTER
            POST    /api/v1/imports/{entity}                              yes    -        -        yes
            GET     /api/v1/imports                                       yes    yes      yes      yes
            GET     /api/v1/imports/{importId}                            yes    yes      yes      yes

            GET     /api/v1/segmentation-templates                        yes    yes      yes      -
            GET     /api/v1/segmentations                                 yes    yes      yes      -
            GET     /api/v1/segmentations/{id}                            yes    yes      yes      -
            POST    /api/v1/segmentations                                 yes    yes      -        -
            PUT     /api/v1/segmentations/{id}                            yes    yes      -        -
            POST    /api/v1/segmentations/{id}/activate                   yes    yes      -        -
            POST    /api/v1/segmentations/{id}/retire                     yes    yes      -        -
            GET     /api/v1/segmentations/{id}/schedule                   yes    yes      yes      -
            PUT     /api/v1/segmentations/{id}/schedule                   yes    yes      -        -
            DELETE  /api/v1/segmentations/{id}/schedule                   yes    yes      -        -
            GET     /api/v1/segmentation-runs                             yes    yes      yes      -
            GET     /api/v1/segmentation-runs/{runId}                     yes    yes      yes      -
            GET     /api/v1/segmentation-runs/{runId}/assignments         yes    yes      yes      -
            GET     /api/v1/segmentation-runs/{runId}/migration           yes    yes      yes      -
            GET     /api/v1/segmentation-runs/{runId}/predictions         yes    yes      yes      -
            GET     /api/v1/segmentation-runs/{runId}/predictions/customers yes  yes      yes      -
            GET     /api/v1/segmentation-runs/{runId}/predictions/back-test yes  yes      yes      -
            POST    /api/v1/segmentation-runs                             yes    yes      -        -

            GET     /api/v1/tactical-segments                             yes    yes      yes      -
            GET     /api/v1/tactical-segments/{id}                        yes    yes      yes      -
            GET     /api/v1/tactical-segments/{id}/customers              yes    yes      yes      -
            POST    /api/v1/tactical-segments                             yes    yes      -        -
            POST    /api/v1/tactical-segments/preview                     yes    yes      -        -
            POST    /api/v1/tactical-segments/{id}/archive                yes    yes      -        -
            GET     /api/v1/field-catalogue                               yes    yes      yes      -

            GET     /api/v1/campaigns                                     yes    yes      yes      -
            GET     /api/v1/campaigns/{id}                                yes    yes      yes      -
            GET     /api/v1/campaigns/{id}/audience                       yes    yes      yes      -
            GET     /api/v1/campaigns/{id}/audience/members               yes    yes      yes      -
            GET     /api/v1/campaigns/{id}/deliveries                     yes    yes      yes      -
            GET     /api/v1/campaigns/{id}/results                        yes    yes      yes      -
            POST    /api/v1/campaigns                                     yes    yes      -        -
            PUT     /api/v1/campaigns/{id}                                yes    yes      -        -
            POST    /api/v1/campaigns/{id}/schedule                       yes    yes      -        -
            POST    /api/v1/campaigns/{id}/launch                         yes    yes      -        -
            POST    /api/v1/campaigns/{id}/complete                       yes    yes      -        -
            POST    /api/v1/campaigns/{id}/cancel                         yes    yes      -        -
            POST    /api/v1/campaigns/{id}/dispatch                       yes    yes      -        -
            GET     /api/v1/campaigns/{id}/always-on                      yes    yes      yes      -
            POST    /api/v1/campaigns/{id}/always-on                      yes    yes      -        -
            POST    /api/v1/campaigns/{id}/always-on/pause                yes    yes      -        -
            POST    /api/v1/campaigns/{id}/always-on/resume               yes    yes      -        -
            POST    /api/v1/campaigns/{id}/always-on/stop                 yes    yes      -        -
            GET     /api/v1/holdout                                       yes    yes      yes      -
            GET     /api/v1/holdout/effect                                yes    yes      yes      -
            PUT     /api/v1/holdout                                       yes    yes      -        -
            POST    /api/v1/holdout/redraw                                yes    yes      -        -
            GET     /api/v1/action-plan                                   yes    yes      yes      -
            GET     /api/v1/calendar                                      yes    yes      yes      -

            GET     /api/v1/frequency-caps                                yes    yes      yes      -
            GET     /api/v1/frequency-caps/{channel}                      yes    yes      yes      -
            PUT     /api/v1/frequency-caps/{channel}                      yes    -        -        -
            DELETE  /api/v1/frequency-caps/{channel}                      yes    -        -        -
            GET     /api/v1/destinations                                  yes    yes      yes      -
            GET     /api/v1/destinations/{name}                           yes    yes      yes      -
            POST    /api/v1/destinations                                  yes    -        -        -
            PUT     /api/v1/destinations/{name}                           yes    -        -        -
            DELETE  /api/v1/destinations/{name}                           yes    -        -        -

            GET     /api/v1/customers/{customerId}                        yes    yes      yes      -
            DELETE  /api/v1/customers/{customerId}                        yes    -        -        -

            GET     /api/v1/tokens                                        yes    -        -        -
            GET     /api/v1/tokens/{tokenId}                              yes    -        -        -
            POST    /api/v1/tokens                                        yes    -        -        -
            DELETE  /api/v1/tokens/{tokenId}                              yes    -        -        -
            GET     /api/v1/users                                         yes    -        -        -
            GET     /api/v1/users/{username}                              yes    -        -        -
            POST    /api/v1/users                                         yes    -        -        -
            POST    /api/v1/users/{username}/disable                      yes    -        -        -
            POST    /api/v1/users/{username}/enable                       yes    -        -        -
            GET     /api/v1/audit                                         yes    -        -        -
            """);

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
        return AccessMatrix.distinct(MappedEndpoints.matching(mappings, pattern -> pattern.startsWith("/api/")));
    }

    @Test
    void theMatrixHasAColumnForEveryRole() {
        assertThat(EXPECTED.roles()).containsExactlyInAnyOrder(Role.values());
    }

    @Test
    void theMatrixListsExactlyTheMappedApiEndpoints() {
        // a new endpoint fails here until someone writes down who may call it; a removed one until its line goes
        assertThat(apiEndpoints()).extracting(endpoint -> AccessMatrix.key(endpoint.method(), endpoint.pattern()))
                .containsExactlyInAnyOrderElementsOf(EXPECTED.allowed().keySet());
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
    void everyRoleGetsExactlyWhatTheMatrixGrants() throws Exception {
        for (Endpoint endpoint : apiEndpoints()) {
            Set<Role> allowed = EXPECTED.allowedFor(endpoint);
            for (Role role : Role.values()) {
                HttpResponse<String> response = call(endpoint, TOKENS.get(role));
                String what = endpoint.method() + " " + endpoint.samplePath() + " as " + role;
                if (allowed.contains(role)) {
                    assertThat(response.statusCode()).as(what + ": " + response.body()).isNotIn(401, 403);
                } else {
                    assertThat(response.statusCode()).as(what).isEqualTo(403);
                    assertThat(response.body()).contains("\"status\":403");
                }
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
