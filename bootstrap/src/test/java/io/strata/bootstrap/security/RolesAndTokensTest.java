package io.strata.bootstrap.security;

import io.strata.application.security.TokenDigest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What each role may do, and the life of an API token from its one showing to its revocation or expiry. */
class RolesAndTokensTest extends AdminApi {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void aPlannerCannotManageUsersOrTokens() throws Exception {
        String planner = issueToken("PLANNER");

        assertThat(getAs(planner, "/api/v1/tokens").statusCode()).isEqualTo(403);
        assertThat(postJsonAs(planner, "/api/v1/tokens", "{\"name\": \"mine\", \"role\": \"ADMIN\"}").statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/tokens/1", planner, null, null).statusCode()).isEqualTo(403);
        assertThat(getAs(planner, "/api/v1/users").statusCode()).isEqualTo(403);
        assertThat(postJsonAs(planner, "/api/v1/users", "{\"username\": \"x\", \"password\": \"long enough secret\", \"role\": \"ADMIN\"}")
                .statusCode()).isEqualTo(403);
        assertThat(postJsonAs(planner, "/api/v1/users/admin/disable", "").statusCode()).isEqualTo(403);
        assertThat(getAs(planner, "/api/v1/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void anImporterTokenCannotReadCustomersButCanImport() throws Exception {
        String importer = issueToken("IMPORTER");

        HttpResponse<String> imported = call("POST", "/api/v1/imports/customers", importer, "text/csv", "customer_id,city\nimp-" + unique() + ",Riga\n");
        HttpResponse<String> read = getAs(importer, "/api/v1/customers/whoever");

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(field(imported.body(), "requestedBy")).startsWith("token:importer ");
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void anAnalystCannotCallAnyMappedPostPutPatchOrDeleteEndpoint() throws Exception {
        String analyst = issueToken("ANALYST");
        List<String[]> writes = mappings.getHandlerMethods().keySet().stream()
                .filter(info -> info.getPathPatternsCondition() != null)
                .flatMap(info -> info.getPathPatternsCondition().getPatternValues().stream()
                        .filter(p -> p.startsWith("/api/"))
                        .flatMap(p -> info.getMethodsCondition().getMethods().stream()
                                .filter(m -> !m.name().equals("GET") && !m.name().equals("HEAD") && !m.name().equals("OPTIONS"))
                                .map(m -> new String[] {m.name(), p.replaceAll("\\{[^}:]+:([a-z-]+)[^}]*}", "$1").replaceAll("\\{[^}]+}", "x1")})))
                .toList();

        assertThat(writes).extracting(w -> w[0] + " " + w[1]).contains("POST /api/v1/tokens", "DELETE /api/v1/customers/x1");
        for (String[] write : writes) {
            assertThat(call(write[0], write[1], analyst, "application/json", "{}").statusCode()).as("%s %s", write[0], write[1]).isEqualTo(403);
        }
    }

    @Test
    void aCreatedTokenIsShownOnceWorksAndOnlyItsDigestIsStored() throws Exception {
        HttpResponse<String> created = postJsonAs(TOKEN, "/api/v1/tokens", "{\"name\": \"reporting " + unique() + "\", \"role\": \"ANALYST\"}");
        String secret = field(created.body(), "secret");
        String id = field(created.body(), "id");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/tokens/" + id);
        assertThat(secret).startsWith("strata_").hasSizeGreaterThan(40);
        assertThat(getAs(secret, "/api/v1/imports").statusCode()).isEqualTo(200);
        assertThat(getAs(TOKEN, "/api/v1/tokens").body()).contains("\"id\":" + id).doesNotContain(secret);
        assertThat(getAs(TOKEN, "/api/v1/tokens/" + id).body()).contains("\"status\":\"ACTIVE\"").doesNotContain(secret);
        String stored = jdbc.sql("select api_tokens::text from api_tokens where token_id = ?").param(Long.parseLong(id)).query(String.class).single();
        assertThat(stored).doesNotContain(secret).contains(TokenDigest.of(secret));
    }

    @Test
    void aRevokedTokenGets401() throws Exception {
        HttpResponse<String> created = postJsonAs(TOKEN, "/api/v1/tokens", "{\"name\": \"to revoke " + unique() + "\", \"role\": \"ADMIN\"}");
        String secret = field(created.body(), "secret");
        assertThat(getAs(secret, "/api/v1/tokens").statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = call("DELETE", "/api/v1/tokens/" + field(created.body(), "id"), TOKEN, null, null);

        assertThat(revoked.statusCode()).isEqualTo(204);
        HttpResponse<String> after = getAs(secret, "/api/v1/tokens");
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).contains("expired or revoked");
        assertThat(getAs(TOKEN, "/api/v1/tokens/" + field(created.body(), "id")).body()).contains("\"status\":\"REVOKED\"");
    }

    @Test
    void anExpiredTokenGets401() throws Exception {
        HttpResponse<String> created = postJsonAs(TOKEN, "/api/v1/tokens",
                "{\"name\": \"short-lived " + unique() + "\", \"role\": \"ANALYST\", \"expiresAt\": \"2100-01-01T00:00:00Z\"}");
        String secret = field(created.body(), "secret");
        assertThat(field(created.body(), "expiresAt")).isEqualTo("2100-01-01T00:00:00Z");
        assertThat(getAs(secret, "/api/v1/imports").statusCode()).isEqualTo(200);

        // time passes: the token's end of validity is now behind us
        jdbc.sql("update api_tokens set expires_at = now() - interval '1 second' where token_id = ?")
                .param(Long.parseLong(field(created.body(), "id"))).update();

        assertThat(getAs(secret, "/api/v1/imports").statusCode()).isEqualTo(401);
        assertThat(getAs(TOKEN, "/api/v1/tokens/" + field(created.body(), "id")).body()).contains("\"status\":\"EXPIRED\"");
    }

    @Test
    void revokingAnUnknownTokenIsA404Problem() throws Exception {
        HttpResponse<String> response = call("DELETE", "/api/v1/tokens/987654321", TOKEN, null, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("no API token has the id 987654321; the list of API tokens shows every id")
                .contains("\"fix\":\"GET /api/v1/tokens lists them\"");
    }

    @Test
    void aTokenRequestWithAnUnknownRoleOrAPastExpiryIsA400NamingTheField() throws Exception {
        HttpResponse<String> role = postJsonAs(TOKEN, "/api/v1/tokens", "{\"name\": \"x\", \"role\": \"ROOT\"}");
        HttpResponse<String> past = postJsonAs(TOKEN, "/api/v1/tokens", "{\"name\": \"x\", \"role\": \"ANALYST\", \"expiresAt\": \"2001-01-01\"}");
        HttpResponse<String> garbled = postJsonAs(TOKEN, "/api/v1/tokens", "{\"name\": \"x\", \"role\": \"ANALYST\", \"expiresAt\": \"soon\"}");
        HttpResponse<String> nameless = postJsonAs(TOKEN, "/api/v1/tokens", "{\"role\": \"ANALYST\"}");

        assertThat(role.statusCode()).isEqualTo(400);
        assertThat(role.body()).contains("'ROOT' is not a role").contains("IMPORTER");
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("expiresAt").contains("not in the future");
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(garbled.body()).contains("expiresAt").contains("ISO-8601");
        assertThat(nameless.statusCode()).isEqualTo(400);
        assertThat(nameless.body()).contains("'name' is required");
    }

    @Test
    void aConsoleUserNeedsAPasswordOfTwelveCharactersAndARoleForPeople() throws Exception {
        HttpResponse<String> shortPassword = postJsonAs(TOKEN, "/api/v1/users",
                "{\"username\": \"short-" + unique() + "\", \"password\": \"elevenchars\", \"role\": \"ANALYST\"}");
        HttpResponse<String> machineRole = postJsonAs(TOKEN, "/api/v1/users",
                "{\"username\": \"machine-" + unique() + "\", \"password\": \"a long enough password\", \"role\": \"IMPORTER\"}");

        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(shortPassword.body()).contains("at least 12 characters");
        assertThat(machineRole.statusCode()).isEqualTo(400);
        assertThat(machineRole.body()).contains("IMPORTER is for API tokens");
    }

    @Test
    void aCreatedUserIsListedWithoutItsPasswordAndItsPasswordIsStoredAsBcrypt() throws Exception {
        String password = "correct horse battery";
        String name = createUser("PLANNER", password);

        String list = getAs(TOKEN, "/api/v1/users").body();

        assertThat(list).contains("{\"username\":\"" + name + "\",\"role\":\"PLANNER\",\"enabled\":true}").doesNotContain(password).doesNotContain("$2");
        assertThat(jdbc.sql("select password_hash from console_users where username = ?").param(name).query(String.class).single())
                .startsWith("$2").doesNotContain(password);
    }

    @Test
    void aTakenUserNameIsA409() throws Exception {
        String name = createUser("ANALYST", "kestrel harbour 2030");

        HttpResponse<String> again = postJsonAs(TOKEN, "/api/v1/users",
                "{\"username\": \"" + name + "\", \"password\": \"second kestrel lantern\", \"role\": \"ADMIN\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("exists already");
    }

    @Test
    void theLastEnabledAdminCannotBeDisabled() throws Exception {
        for (String other : jdbc.sql("select username from console_users where enabled and role = 'ADMIN' and username <> 'admin'")
                .query(String.class).list()) {
            assertThat(postJsonAs(TOKEN, "/api/v1/users/" + other + "/disable", "").statusCode()).isEqualTo(200);
        }

        HttpResponse<String> response = postJsonAs(TOKEN, "/api/v1/users/admin/disable", "");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("last enabled admin");
    }
}
