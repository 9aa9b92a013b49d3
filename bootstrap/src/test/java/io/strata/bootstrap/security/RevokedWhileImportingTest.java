package io.strata.bootstrap.security;

import io.strata.application.imports.ImportReport;
import io.strata.bootstrap.SteerableImports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token revoked while an import it sent is under way: the import was accepted (authenticated and authorised when it
 * arrived), so it completes, and the audit trail shows both, the revocation and then the import's end in the token's
 * name; the token's next request is refused (security.md, "API tokens"). Decided in session 52: stopping accepted work
 * half-way would leave the sender not knowing what was written, and an import writes all or nothing at its commit anyway.
 */
class RevokedWhileImportingTest extends AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private SteerableImports imports;

    @Test
    void anImportAcceptedBeforeItsTokenWasRevokedCompletesAndTheAuditShowsBoth() throws Exception {
        String name = "importer " + unique();
        HttpResponse<String> issued = postJsonAs(TOKEN, "/api/v1/tokens", "{\"name\": \"" + name + "\", \"role\": \"IMPORTER\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String tokenId = field(issued.body(), "id");
        String secret = field(issued.body(), "secret");
        String prefix = "revoked-" + unique();
        String body = "customer_id,city\n" + prefix + "-1,Riga\n" + prefix + "-2,Oslo\n";

        imports.holdWhenReading();
        try {
            CompletableFuture<HttpResponse<String>> sent = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(uri("/api/v1/imports/customers"))
                    .header("Authorization", "Bearer " + secret).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            ImportReport held = imports.awaitReading();

            HttpResponse<String> revoked = call("DELETE", "/api/v1/tokens/" + tokenId, TOKEN, null, null);
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
            HttpResponse<String> next = call("POST", "/api/v1/imports/customers", secret, "text/csv", "customer_id\n" + prefix + "-3\n");
            assertThat(next.statusCode()).as("the revoked token's next request").isEqualTo(401);

            imports.releaseReading();
            HttpResponse<String> answer = sent.get(60, TimeUnit.SECONDS);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode report = JSON.readTree(answer.body());
            assertThat(report.get("importId").asString()).isEqualTo(held.importId().toString());
            assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(report.get("rowsImported").asLong()).isEqualTo(2);
            assertThat(report.get("requestedBy").asString()).isEqualTo("token:" + name);
            assertThat(jdbc.sql("select customer_id from customers where customer_id like ? order by customer_id").param(prefix + "-%")
                    .query(String.class).list()).containsExactly(prefix + "-1", prefix + "-2");

            JsonNode revocation = onlyEntry("api_token", tokenId, "REVOKED");
            JsonNode imported = onlyEntry("import", held.importId().toString(), "IMPORTED");
            assertThat(imported.get("action").asString()).isEqualTo("IMPORTED");
            assertThat(imported.get("actor").asString()).isEqualTo("token:" + name);
            assertThat(JSON.readTree(imported.get("after").asString()).get("status").asString()).isEqualTo("COMPLETED");
            assertThat(Instant.parse(imported.get("occurredAt").asString()))
                    .as("the import's end is recorded after the revocation").isAfterOrEqualTo(Instant.parse(revocation.get("occurredAt").asString()));
        } finally {
            imports.disarm();
        }
    }

    private JsonNode onlyEntry(String subjectType, String subjectId, String action) throws Exception {
        HttpResponse<String> trail = getAs(TOKEN, "/api/v1/audit?subjectType=" + subjectType + "&subjectId=" + subjectId);
        java.util.List<JsonNode> entries = new java.util.ArrayList<>();
        JSON.readTree(trail.body()).get("events").forEach(event -> {
            if (event.get("action").asString().equals(action)) {
                entries.add(event);
            }
        });
        assertThat(entries).as(trail.body()).hasSize(1);
        return entries.get(0);
    }
}
