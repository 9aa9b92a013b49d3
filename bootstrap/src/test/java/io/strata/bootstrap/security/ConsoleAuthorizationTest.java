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
 * Every console page and form has an explicit rule in {@link ConsoleAccessRules}, and the rules hold over real HTTP:
 * a role the rule leaves out gets 403, even with a valid session and CSRF token.
 */
class ConsoleAuthorizationTest extends AdminApi {

    private static final String PASSWORD = "sound harbour lantern";
    /** Served to everybody, before login: the login page itself, errors, API docs. */
    private static final List<String> OPEN = List.of("/login", "/error", "/v3/api-docs", "/swagger-ui");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private List<Endpoint> consoleEndpoints() {
        return MappedEndpoints.matching(mappings, pattern -> !pattern.startsWith("/api/") && OPEN.stream().noneMatch(pattern::startsWith));
    }

    @Test
    void theConsoleHasTheNewPagesToCheck() {
        assertThat(consoleEndpoints()).extracting(Endpoint::pattern)
                .contains("/campaigns", "/campaigns/{id}", "/action-plan", "/imports", "/imports/new", "/imports/{id}/errors.csv");
    }

    @Test
    void everyConsoleEndpointHasAnExplicitRule() {
        assertThat(consoleEndpoints()).allSatisfy(endpoint ->
                assertThat(ConsoleAccessRules.ruleFor(endpoint.method(), endpoint.samplePath()))
                        .as("rule for %s %s", endpoint.method(), endpoint.pattern()).isPresent());
    }

    @Test
    void everyPersonGetsForbiddenWhereTheirRoleHasNoRule() throws Exception {
        for (Role role : List.of(Role.ANALYST, Role.PLANNER)) {
            ConsoleSession person = new ConsoleSession(port);
            person.logIn(createUser(role.name(), PASSWORD), PASSWORD);
            String csrf = person.csrfToken();
            for (Endpoint endpoint : consoleEndpoints()) {
                if (ConsoleAccessRules.ruleFor(endpoint.method(), endpoint.samplePath()).orElseThrow().roles().contains(role)) {
                    continue;
                }
                HttpResponse<String> response = endpoint.method() == HttpMethod.GET ? person.get(endpoint.samplePath())
                        : person.post(endpoint.samplePath(), "", csrf);
                assertThat(response.statusCode()).as("%s %s as %s", endpoint.method(), endpoint.samplePath(), role).isEqualTo(403);
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
