package io.strata.bootstrap;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ApiSecurityTest extends EndToEndTest {

    @Test
    void anApiCallWithoutATokenIsRefusedWith401AsProblemJson() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/imports")).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":401").contains("Authorization: Bearer");
    }

    @Test
    void anUnknownTokenIsRefusedWith401() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/imports"))
                .header("Authorization", "Bearer not-a-known-token").GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("not valid");
    }

    @Test
    void theConfiguredTokenIsAccepted() throws Exception {
        assertThat(get("/api/v1/imports").statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenIsStoredOnlyAsADigest() {
        long clear = jdbc.sql("select count(*) from api_tokens where token_hash = ?").param(TOKEN).query(Long.class).single();
        long hashed = jdbc.sql("select count(*) from api_tokens where token_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')")
                .param(TOKEN).query(Long.class).single();

        assertThat(clear).isZero();
        assertThat(hashed).isEqualTo(1);
    }

    @Test
    void theAdminPasswordIsStoredAsBcrypt() {
        String hash = jdbc.sql("select password_hash from console_users where username = 'admin'").query(String.class).single();

        assertThat(hash).startsWith("$2").doesNotContain(ADMIN_PASSWORD);
    }

    @Test
    void healthAndOpenApiAreOpenWithoutLogin() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build());
        HttpResponse<String> openApi = send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET().build());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(openApi.statusCode()).isEqualTo(200);
        // a relative server URL: springdoc would otherwise echo the request's Host header
        assertThat(openApi.body()).contains("\"servers\":[{\"url\":\"/\"").doesNotContain("localhost:" + port);
        assertThat(openApi.body()).contains("/api/v1/imports/{entity}");
    }

    @Test
    void theConsoleSendsAnonymousVisitorsToTheLoginPage() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/")).GET().build());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
