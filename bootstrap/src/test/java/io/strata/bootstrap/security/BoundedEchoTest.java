package io.strata.bootstrap.security;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rejected value is echoed and kept bounded: a value of more than 200 characters comes back, in the 422 and in the
 * stored report, as its first 200 and "…", with valueCut true and its length as sent; a message quoting it quotes the
 * cut value. A short value comes back whole.
 */
class BoundedEchoTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MEGABYTE = 1 << 20;
    private static final String HUGE = "9".repeat(MEGABYTE - 1) + "Z";
    private static final String CUT = "9".repeat(200) + "…";

    @BeforeEach
    void empty() {
        emptyDatabase();
    }

    @Test
    void aRejectedMegabyteCellComesBackCutAndMarkedInThe422AndInTheStoredReport() throws Exception {
        HttpResponse<String> rejected = post("/api/v1/imports/customers", "text/csv", "customer_id,birth_date\nC1," + HUGE + "\nC2,2024-13-45\n");

        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(rejected.body().length()).isLessThan(5_000);
        JsonNode report = JSON.readTree(rejected.body());
        JsonNode cut = report.path("errors").get(0);
        assertThat(cut.path("line").asLong()).isEqualTo(2);
        assertThat(cut.path("column").asString()).isEqualTo("birth_date");
        assertThat(cut.path("value").asString()).isEqualTo(CUT);
        assertThat(cut.path("valueCut").asBoolean()).isTrue();
        assertThat(cut.path("valueLength").asInt()).isEqualTo(MEGABYTE);
        assertThat(cut.path("message").asString()).isEqualTo("'" + CUT + "' is not a date; write it as YYYY-MM-DD, e.g. 1990-04-17");
        JsonNode whole = report.path("errors").get(1);
        assertThat(whole.path("value").asString()).isEqualTo("2024-13-45");
        assertThat(whole.path("valueCut").asBoolean()).isFalse();
        assertThat(whole.path("valueLength").asInt()).isEqualTo(10);

        String importId = report.path("importId").asString();
        HttpResponse<String> stored = get("/api/v1/imports/" + importId);
        assertThat(stored.body().length()).isLessThan(5_000);
        assertThat(JSON.readTree(stored.body()).path("errors")).isEqualTo(report.path("errors"));
        assertThat(jdbc.sql("select octet_length(errors::text) from imports where import_id = ?").param(UUID.fromString(importId))
                .query(Integer.class).single()).isLessThan(2_000);
    }

    @Test
    void aLongHeaderNameComesBackCutInThe400() throws Exception {
        String name = "a".repeat(300_000);

        HttpResponse<String> refused = post("/api/v1/imports/customers", "text/csv", "customer_id," + name + "," + name + "\nC1,x,y\n");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body().length()).isLessThan(3_000);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("detail").asString()).startsWith("the header names column '" + "a".repeat(100)).endsWith("…");
        assertThat(problem.path("column").asString()).isEqualTo("a".repeat(200) + "…");
    }

    @Test
    void theConsoleSaysHowLongACutValueWas() throws Exception {
        HttpResponse<String> rejected = post("/api/v1/imports/orders", "text/csv",
                "order_id,customer_id,ordered_at,amount\nO1,C1," + HUGE + ",10\n");
        String importId = JSON.readTree(rejected.body()).path("importId").asString();
        ConsoleSession admin = new ConsoleSession(port);
        admin.logIn("admin", ADMIN_PASSWORD);

        HttpResponse<String> page = admin.get("/imports/" + importId + "/errors");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(CUT + "</span>").contains("(cut from 1048576 characters)").doesNotContain("9".repeat(201));
    }

    @Test
    void aReportStoredBeforeValuesWereCutIsCutWhenRead() throws Exception {
        UUID id = legacyReport();

        JsonNode error = JSON.readTree(get("/api/v1/imports/" + id).body()).path("errors").get(0);

        assertThat(error.path("value").asString()).isEqualTo(CUT);
        assertThat(error.path("valueCut").asBoolean()).isTrue();
        assertThat(error.path("valueLength").asInt()).isEqualTo(MEGABYTE);
        assertThat(error.path("message").asString()).isEqualTo("'" + CUT + "' is not a date-time");
    }

    @Test
    void theMigrationCutsTheValuesOfReportsStoredBefore() throws Exception {
        UUID id = legacyReport();
        String changelog;
        try (var in = getClass().getResourceAsStream("/db/changelog/120-bounded-echoes.sql")) {
            changelog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int start = changelog.indexOf("update imports");
        String cutErrors = changelog.substring(start, changelog.indexOf("--changeset", start));

        jdbc.sql(cutErrors).update();

        JsonNode stored = JSON.readTree(jdbc.sql("select errors::text from imports where import_id = ?").param(id).query(String.class).single());
        assertThat(stored.get(0).path("line").asInt()).isEqualTo(2);
        assertThat(stored.get(0).path("value").asString()).isEqualTo(CUT);
        assertThat(stored.get(0).path("valueLength").asInt()).isEqualTo(MEGABYTE);
        assertThat(stored.get(0).path("message").asString()).isEqualTo("'" + CUT + "' is not a date-time");
        assertThat(stored.get(1).path("value").asString()).isEqualTo("short");
        assertThat(stored.get(1).has("valueLength")).isFalse();
    }

    /** A report as earlier versions stored it: a megabyte value quoted whole in its message, and a short one. */
    private UUID legacyReport() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into imports (import_id, entity, mode, status, started_at, finished_at, rows_received, rows_rejected, errors)
                values (?, 'orders', 'strict', 'REJECTED', now(), now(), 2, 2,
                        jsonb_build_array(jsonb_build_object('line', 2, 'column', 'ordered_at', 'value', ?::text,
                                                             'message', '''' || ?::text || ''' is not a date-time'),
                                          jsonb_build_object('line', 3, 'column', 'ordered_at', 'value', 'short',
                                                             'message', '''short'' is not a date-time')))""")
                .param(id).param(HUGE).param(HUGE).update();
        return id;
    }

    /**
     * A refused value of a call's body is quoted back cut to 80 characters and "…": a cron expression, a time of day, a
     * time zone, a channel or a parent segment of 100,000 characters came back whole (twice, for the parent segment), a
     * megabyte answered for a megabyte sent (session 49 sweep).
     */
    @Test
    void aLongRefusedValueOfACallIsQuotedCut() throws Exception {
        String longValue = "q".repeat(100_000);
        String cut = "q".repeat(80) + "…";
        long id = JSON.readTree(post("/api/v1/segmentations", "application/json", "{\"name\":\"Echo\",\"template\":\"rfm-classic\"}").body())
                .path("id").asLong();
        java.util.Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
        answers.put("cron", put("/api/v1/segmentations/" + id + "/schedule", "{\"cron\":\"" + longValue + "\"}"));
        answers.put("cron field", put("/api/v1/segmentations/" + id + "/schedule", "{\"cron\":\"" + longValue + " * * * *\"}"));
        answers.put("dailyAt", put("/api/v1/segmentations/" + id + "/schedule", "{\"dailyAt\":\"" + longValue + "\",\"timeZone\":\"UTC\"}"));
        answers.put("timeZone", put("/api/v1/segmentations/" + id + "/schedule", "{\"dailyAt\":\"06:00\",\"timeZone\":\"" + longValue + "\"}"));
        answers.put("channel", post("/api/v1/destinations", "application/json", "{\"name\":\"d\",\"url\":\"https://crm.example.com/h\","
                + "\"secret\":\"" + WEBHOOK_SECRET + "\",\"channels\":[\"" + longValue + "\"]}"));
        answers.put("parentSegment", post("/api/v1/tactical-segments/preview", "application/json",
                "{\"parentSegment\":\"" + longValue + "\",\"rule\":\"frequency >= 1\"}"));

        answers.forEach((what, answer) -> {
            assertThat(answer.statusCode()).as(what).isEqualTo(400);
            assertThat(answer.body()).as(what).contains(cut).hasSizeLessThan(2_000);
        });
    }

    private HttpResponse<String> put(String path, String json) throws Exception {
        return send(java.net.http.HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
