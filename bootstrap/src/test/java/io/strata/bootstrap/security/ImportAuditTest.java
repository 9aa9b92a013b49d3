package io.strata.bootstrap.security;

import io.strata.bootstrap.RefusedInserts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Every import leaves an audit entry: who sent which entity in which mode, how it ended and its row counts, never its rows. */
class ImportAuditTest extends AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "sound harbour lantern";

    /** Two customers and a row without its customer_id. */
    private static String customers(String prefix) {
        return "customer_id,email\n" + prefix + "-1," + prefix + "-1@example.com\n" + prefix + "-2," + prefix + "-2@example.com\n"
                + ",orphan@example.com\n";
    }

    @Test
    void aLenientImportOverTheApiIsAuditedWithItsSenderModeStatusAndCountsButNoRows() throws Exception {
        HttpResponse<String> imported = call("POST", "/api/v1/imports/customers?mode=lenient", TOKEN, "text/csv", customers("la-" + unique()));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

        JsonNode entry = onlyEntryOf(json(imported).get("importId").asString());

        assertThat(entry.get("actor").asString()).isEqualTo("token:STRATA_API_TOKEN");
        assertThat(entry.get("action").asString()).isEqualTo("IMPORTED");
        JsonNode after = JSON.readTree(entry.get("after").asString());
        assertThat(after.toString()).isEqualTo("{\"entity\":\"customers\",\"mode\":\"lenient\",\"status\":\"COMPLETED\",\"rowsReceived\":3,"
                + "\"rowsImported\":2,\"rowsRejected\":1,\"created\":2,\"updated\":0}");
        assertThat(entry.toString()).doesNotContain("example.com");
    }

    @Test
    void aStrictImportThatIsRejectedIsAuditedAsRejectedWithNothingImported() throws Exception {
        HttpResponse<String> rejected = call("POST", "/api/v1/imports/customers", TOKEN, "text/csv", customers("sr-" + unique()));
        assertThat(rejected.statusCode()).isEqualTo(422);

        JsonNode entry = onlyEntryOf(json(rejected).get("importId").asString());

        assertThat(JSON.readTree(entry.get("after").asString()).toString()).isEqualTo("{\"entity\":\"customers\",\"mode\":\"strict\","
                + "\"status\":\"REJECTED\",\"rowsReceived\":3,\"rowsImported\":0,\"rowsRejected\":1,\"created\":0,\"updated\":0}");
    }

    @Test
    void anUploadThroughTheConsoleIsAuditedWithThePersonWhoSentIt() throws Exception {
        ConsoleSession planner = new ConsoleSession(port);
        String name = createUser("PLANNER", PASSWORD);
        planner.logIn(name, PASSWORD);

        HttpResponse<String> upload = planner.postMultipart("/imports", planner.csrfToken(), "entity", "customers", "mode", "lenient",
                "file", customers("console-" + name));
        assertThat(upload.statusCode()).isEqualTo(302);
        String report = upload.headers().firstValue("Location").orElseThrow();

        JsonNode entry = onlyEntryOf(report.substring(report.lastIndexOf('/') + 1));

        assertThat(entry.get("actor").asString()).isEqualTo(name);
        assertThat(JSON.readTree(entry.get("after").asString()).toString()).isEqualTo("{\"entity\":\"customers\",\"mode\":\"lenient\","
                + "\"status\":\"COMPLETED\",\"rowsReceived\":3,\"rowsImported\":2,\"rowsRejected\":1,\"created\":2,\"updated\":0}");
        assertThat(entry.get("detail").asString()).isEqualTo("customers, lenient: COMPLETED, 3 rows received, 2 imported, 1 rejected");
    }

    @Test
    void anUploadThatCannotBeReadIsAuditedAsFailed() throws Exception {
        ConsoleSession planner = new ConsoleSession(port);
        String name = createUser("PLANNER", PASSWORD);
        planner.logIn(name, PASSWORD);
        String importId = java.util.UUID.randomUUID().toString();

        planner.postMultipart("/imports", planner.csrfToken(), "entity", "customers", "mode", "strict", "importId", importId,
                "file", "customer_id,city\n");

        JsonNode entry = onlyEntryOf(importId);
        assertThat(entry.get("actor").asString()).isEqualTo(name);
        assertThat(JSON.readTree(entry.get("after").asString()).toString()).isEqualTo("{\"entity\":\"customers\",\"mode\":\"strict\","
                + "\"status\":\"FAILED\",\"rowsReceived\":0,\"rowsImported\":0,\"rowsRejected\":0,\"created\":0,\"updated\":0}");
    }

    @Test
    void anImportWhoseAuditEntryIsRefusedWritesNoRow() throws Exception {
        String customer = "unaudited-" + unique();

        HttpResponse<String> imported;
        try (RefusedInserts refused = RefusedInserts.into(jdbc, "audit_events", "new.subject_type = 'import'")) {
            imported = call("POST", "/api/v1/imports/customers", TOKEN, "text/csv", "customer_id,city\n" + customer + ",Riga\n");
        }

        // a failure on Strata's side, told in the product's words, never the database's
        assertThat(imported.statusCode()).isEqualTo(503);
        assertThat(imported.body()).doesNotContain("audit_events", "ERROR:", "SQLState");
        assertThat(getAs(TOKEN, "/api/v1/customers/" + customer).statusCode()).isEqualTo(404);
    }

    private JsonNode onlyEntryOf(String importId) throws Exception {
        JsonNode trail = json(getAs(TOKEN, "/api/v1/audit?subjectType=import&subjectId=" + importId));
        assertThat(trail.get("total").asLong()).isEqualTo(1);
        return trail.get("events").get(0);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
