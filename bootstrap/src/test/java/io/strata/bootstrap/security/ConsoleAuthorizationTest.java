package io.strata.bootstrap.security;

import io.strata.adapters.web.security.ConsoleAccessRules;
import io.strata.application.security.Role;
import io.strata.bootstrap.security.MappedEndpoints.Endpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console page and form is in the expected matrix below, written out here and not read from
 * {@link ConsoleAccessRules}, and the matrix holds over real HTTP: a role it leaves out gets 403, even with a valid
 * session and CSRF token, and a role it grants is let through. IMPORTER never logs in (a person cannot have it), so
 * its column is all '-' and {@code PasswordPolicyAndUserNamesTest} covers that it cannot be given to a person.
 */
class ConsoleAuthorizationTest extends AdminApi {

    private static final String PASSWORD = "sound harbour lantern";
    /** Served to everybody, before login: the login page itself, errors, API docs. */
    private static final List<String> OPEN = List.of("/login", "/error", "/v3/api-docs", "/swagger-ui");

    /** From docs/security.md: ADMIN everything; PLANNER opens and sends every form that changes; ANALYST reads. */
    private static final AccessMatrix EXPECTED = AccessMatrix.parse("""
            method  path                                                  ADMIN  PLANNER  ANALYST  IMPORTER
            GET     /                                                     yes    yes      yes      -
            GET     /customers                                            yes    yes      yes      -
            GET     /customers/{customerId}                               yes    yes      yes      -
            GET     /segments/{key}                                       yes    yes      yes      -
            GET     /segments/{key}/members.csv                           yes    yes      yes      -

            GET     /segmentations                                        yes    yes      yes      -
            GET     /segmentations/{id}                                   yes    yes      yes      -
            POST    /segmentations                                        yes    yes      -        -
            POST    /segmentations/{id}/goals                             yes    yes      -        -
            POST    /segmentations/{id}/activate                          yes    yes      -        -
            GET     /segmentations/{id}/activate                          yes    yes      -        -
            POST    /segmentation-runs                                    yes    yes      -        -
            GET     /segmentation-runs/{runId}                            yes    yes      yes      -
            GET     /segmentation-runs/{runId}/status                     yes    yes      yes      -
            GET     /segmentation-runs/{runId}/back-test                  yes    yes      yes      -
            GET     /segmentation-runs/{runId}/predictions.csv            yes    yes      yes      -

            GET     /tactical-segments                                    yes    yes      yes      -
            GET     /tactical-segments/new                                yes    yes      -        -
            POST    /tactical-segments/check                              yes    yes      -        -
            POST    /tactical-segments                                    yes    yes      -        -
            GET     /tactical-segments/{id}                               yes    yes      yes      -
            GET     /tactical-segments/{id}/members.csv                   yes    yes      yes      -
            POST    /tactical-segments/{id}/revise                        yes    yes      -        -
            POST    /tactical-segments/{id}/archive                       yes    yes      -        -

            GET     /action-plan                                          yes    yes      yes      -
            GET     /calendar                                             yes    yes      yes      -
            GET     /campaigns                                            yes    yes      yes      -
            GET     /campaigns/{id}                                       yes    yes      yes      -
            GET     /campaigns/{id}/deliveries.csv                        yes    yes      yes      -
            GET     /campaigns/{id}/deliveries.ndjson                     yes    yes      yes      -
            GET     /campaigns/{id}/results.csv                           yes    yes      yes      -
            GET     /campaigns/new                                        yes    yes      -        -
            POST    /campaigns                                            yes    yes      -        -
            GET     /campaigns/{id}/edit                                  yes    yes      -        -
            POST    /campaigns/{id}/edit                                  yes    yes      -        -
            POST    /campaigns/{id}/{transition:schedule|launch|complete|cancel}  yes  yes  -   -
            POST    /campaigns/{id}/always-on/{action:start|pause|resume|stop}  yes  yes  -   -
            GET     /campaigns/{id}/launch                                yes    yes      -        -
            POST    /campaigns/{id}/measure                               yes    yes      -        -

            GET     /imports                                              yes    yes      yes      -
            GET     /imports/new                                          yes    yes      -        -
            POST    /imports                                              yes    yes      -        -
            GET     /imports/{id}                                         yes    yes      yes      -
            GET     /imports/{id}/progress                                yes    yes      yes      -
            GET     /imports/{id}/errors                                  yes    yes      yes      -
            GET     /imports/{id}/errors.csv                              yes    yes      yes      -

            GET     /admin/access                                         yes    -        -        -
            POST    /admin/tokens                                         yes    -        -        -
            POST    /admin/tokens/{id}/revoke                             yes    -        -        -
            POST    /admin/users                                          yes    -        -        -
            POST    /admin/users/{username}/{change:enable|disable}       yes    -        -        -
            GET     /admin/customers/{customerId}/erase                   yes    -        -        -
            POST    /admin/customers/{customerId}/erase                   yes    -        -        -
            GET     /admin/audit                                          yes    -        -        -
            GET     /admin/delivery                                       yes    -        -        -
            POST    /admin/delivery/caps                                  yes    -        -        -
            POST    /admin/delivery/caps/{channel}/remove                 yes    -        -        -
            POST    /admin/delivery/destinations                          yes    -        -        -
            POST    /admin/delivery/destinations/{name}/delete            yes    -        -        -
            GET     /admin/audit.csv                                      yes    -        -        -

            GET     /search                                               yes    yes      yes      -
            POST    /tactical-segments/hints                              yes    yes      -        -
            GET     /segmentations/{id}/trends                            yes    yes      yes      -
            GET     /segments/{key}/trends                                yes    yes      yes      -
            """);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private List<Endpoint> consoleEndpoints() {
        return AccessMatrix.distinct(MappedEndpoints.matching(mappings,
                pattern -> !pattern.startsWith("/api/") && OPEN.stream().noneMatch(pattern::startsWith)));
    }

    @Test
    void theMatrixHasAColumnForEveryRole() {
        assertThat(EXPECTED.roles()).containsExactlyInAnyOrder(Role.values());
    }

    @Test
    void theMatrixListsExactlyTheMappedConsoleEndpoints() {
        assertThat(consoleEndpoints()).extracting(endpoint -> AccessMatrix.key(endpoint.method(), endpoint.pattern()))
                .containsExactlyInAnyOrderElementsOf(EXPECTED.allowed().keySet());
    }

    @Test
    void nobodyMayUseTheConsoleAsAnImporter() {
        assertThat(EXPECTED.allowed().values()).noneMatch(roles -> roles.contains(Role.IMPORTER));
        assertThat(Role.IMPORTER.forPeople()).isFalse();
    }

    @Test
    void everyConsoleEndpointHasAnExplicitRule() {
        assertThat(consoleEndpoints()).allSatisfy(endpoint ->
                assertThat(ConsoleAccessRules.ruleFor(endpoint.method(), endpoint.samplePath()))
                        .as("rule for %s %s", endpoint.method(), endpoint.pattern()).isPresent());
    }

    @Test
    void everyPersonGetsExactlyWhatTheMatrixGrants() throws Exception {
        for (Role role : List.of(Role.ADMIN, Role.PLANNER, Role.ANALYST)) {
            ConsoleSession person = new ConsoleSession(port);
            person.logIn(createUser(role.name(), PASSWORD), PASSWORD);
            String csrf = person.csrfToken();
            for (Endpoint endpoint : consoleEndpoints()) {
                HttpResponse<String> response = endpoint.method() == HttpMethod.GET ? person.get(endpoint.samplePath())
                        : person.post(endpoint.samplePath(), "", csrf);
                String what = endpoint.method() + " " + endpoint.samplePath() + " as " + role;
                if (EXPECTED.allowedFor(endpoint).contains(role)) {
                    // let through: whatever the page says of an unknown id or an empty form, but no refusal and no login
                    assertThat(response.statusCode()).as(what).isNotEqualTo(403);
                    assertThat(response.headers().firstValue("Location").orElse("")).as(what).doesNotContain("/login");
                } else {
                    assertThat(response.statusCode()).as(what).isEqualTo(403);
                }
            }
        }
    }

    @Test
    void analystsReadCampaignsAndImportsButCannotChangeThem() throws Exception {
        ConsoleSession analyst = new ConsoleSession(port);
        analyst.logIn(createUser("ANALYST", PASSWORD), PASSWORD);
        String csrf = analyst.csrfToken();

        assertThat(analyst.get("/campaigns").statusCode()).isEqualTo(200);
        assertThat(analyst.get("/action-plan").statusCode()).isEqualTo(200);
        assertThat(analyst.get("/imports").statusCode()).isEqualTo(200);
        assertThat(analyst.get("/campaigns").body()).doesNotContain("id=\"new-campaign\"");
        assertThat(analyst.get("/imports").body()).doesNotContain("id=\"upload-link\"");
        assertThat(analyst.get("/campaigns/new").statusCode()).isEqualTo(403);
        assertThat(analyst.get("/imports/new").statusCode()).isEqualTo(403);
        assertThat(analyst.post("/campaigns", "name=x&targetSegment=x", csrf).statusCode()).isEqualTo(403);
        assertThat(analyst.post("/campaigns/1/launch", "", csrf).statusCode()).isEqualTo(403);
    }

    @Test
    void plannersMayPlanCampaignsAndUploadFiles() throws Exception {
        ConsoleSession planner = new ConsoleSession(port);
        planner.logIn(createUser("PLANNER", PASSWORD), PASSWORD);

        assertThat(planner.get("/campaigns/new").statusCode()).isEqualTo(200);
        assertThat(planner.get("/imports/new").statusCode()).isEqualTo(200);
        // an empty form: refused by validation (422), not by authorization
        assertThat(planner.post("/campaigns", "name=", planner.csrfToken()).statusCode()).isEqualTo(422);
    }

    @Test
    void aPlainUploadWithoutJavaScriptCarriesItsCsrfTokenInTheFormAndEndsOnTheReport() throws Exception {
        ConsoleSession planner = new ConsoleSession(port);
        String name = createUser("PLANNER", PASSWORD);
        planner.logIn(name, PASSWORD);

        HttpResponse<String> upload = planner.postMultipart("/imports", planner.csrfToken(), "entity", "customers", "mode", "strict",
                "file", "customer_id,city\nplain-" + name + ",Riga\n");

        assertThat(upload.statusCode()).isEqualTo(302);
        String report = upload.headers().firstValue("Location").orElseThrow();
        assertThat(report).matches(".*/imports/[0-9a-f-]{36}");
        assertThat(planner.get(report.replaceAll("^https?://[^/]+", "")).body()).contains("COMPLETED").contains(name);
        assertThat(jdbc.sql("select city from customers where customer_id = ?").param("plain-" + name).query(String.class).single())
                .isEqualTo("Riga");
    }
}
