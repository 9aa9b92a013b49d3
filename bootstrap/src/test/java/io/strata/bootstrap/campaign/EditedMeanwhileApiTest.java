package io.strata.bootstrap.campaign;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people editing the same thing through the API (docs/architecture.md, "Two people editing the same thing"): for
 * every resource edited in place, planner A reads it (ETag), colleague B changes it, and A's change sent with the ETag
 * it read is refused with 412 naming B, instead of overwriting B's change; sent with the new ETag it is saved; without
 * If-Match (or with *) it is saved as before; a malformed If-Match is a 400; and of two changes sent at once with the
 * same ETag exactly one is saved.
 */
class EditedMeanwhileApiTest extends CampaignTestSupport {

    /** 22 characters of base64url: 128 bits of SHA-256, quoted (a strong entity tag). */
    private static final String ETAG = "\"[A-Za-z0-9_-]{22}\"";

    @Autowired
    private DataSource dataSource;

    /** Colleague B: a token of its own, so the audit trail (and the 412) can name B. */
    private String colleague;
    private String colleagueToken;

    /** One thing edited in place: where it is, A's and B's changes, how to read what is stored, and the lock its edits take. */
    private record Editable(String what, String path, String bodyOfA, String bodyOfB, Function<JsonNode, String> stored, String ofA,
                            String ofB, String lockStatement, String subjectType, String subjectId) {
    }

    @BeforeEach
    void base() throws Exception {
        handMadeBase();
        colleague = "colleague-b-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> issued = post("/api/v1/tokens", "application/json", "{\"name\": \"" + colleague + "\", \"role\": \"ADMIN\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        colleagueToken = json(issued).get("secret").asText();
    }

    @Test
    void aCampaignDraft() throws Exception {
        activeRfmClassic();
        long id = createCampaign(winBack("10"));
        holds(new Editable("Campaign " + id, "/api/v1/campaigns/" + id, winBack("10").replace("Win back at risk", "A's name"),
                winBack("10").replace("Win back at risk", "B's name"), body -> body.get("name").asText(), "A's name", "B's name",
                "select 1 from campaigns where campaign_id = " + id + " for update", "campaign", Long.toString(id)));
    }

    @Test
    void aSegmentation() throws Exception {
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Value\",\"template\":\"rfm-classic\"}");
        long id = json(created).get("id").asLong();
        holds(new Editable("Segmentation " + id, "/api/v1/segmentations/" + id, "{\"goals\": {\"champions\": \"A's goal\"}}",
                "{\"goals\": {\"champions\": \"B's goal\"}}", body -> goal(body, "champions"), "A's goal", "B's goal",
                "select 1 from segmentations where segmentation_id = " + id + " for update", "segmentation", Long.toString(id)));
    }

    /**
     * A segmentation in use is never changed in place: an edit makes a new version. Before session 52 the check covered
     * the version edited, which the edit leaves as it is: B made version 2 from version 1, and A's edit sent with version
     * 1's ETag passed and made a version 3 without B's change. Now version 1 knows a version was made from it.
     */
    @Test
    void aSegmentationInUseEditedFromTheVersionANewerOneWasMadeFrom() throws Exception {
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Value\",\"template\":\"rfm-classic\"}");
        long first = json(created).get("id").asLong();
        assertThat(post("/api/v1/segmentations/" + first + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        String path = "/api/v1/segmentations/" + first;
        String seenByA = get(path).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> byB = send("PUT", path, "{\"goals\": {\"champions\": \"B's goal\"}}", colleagueToken, seenByA);
        assertThat(byB.statusCode()).as(byB.body()).isEqualTo(200);
        long second = json(byB).get("id").asLong();
        assertThat(second).as("a new version").isNotEqualTo(first);
        assertThat(json(byB).get("version").asInt()).isEqualTo(2);
        assertThat(get(path).headers().firstValue("ETag").orElseThrow()).as("version 1 now has a newer version").isNotEqualTo(seenByA);

        HttpResponse<String> stale = send("PUT", path, "{\"goals\": {\"at_risk\": \"A's goal\"}}", TOKEN, seenByA);
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
        JsonNode problem = json(stale);
        assertThat(problem.get("detail").asText()).matches(java.util.regex.Pattern.quote("Segmentation " + first + " was changed after you read it:"
                + " version 2 (segmentation " + second + ") was made from it, by token:" + colleague + " at ") + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC"
                + java.util.regex.Pattern.quote(". Your changes were not saved, so as not to make a version without that change: open version 2"
                + " (segmentation " + second + "), re-apply your changes to it, and save again."));
        assertThat(problem.get("changedBy").asText()).isEqualTo("token:" + colleague);
        assertThat(problem.get("newestVersion").asText()).isEqualTo("/api/v1/segmentations/" + second);
        assertThat(problem.get("fix").asText()).isEqualTo("GET /api/v1/segmentations/" + second + " (the newest version), re-apply your changes to"
                + " what it answers, and send them to it with its ETag in If-Match");
        assertThat(problem.get("currentETag").asText()).isEqualTo(get(path).headers().firstValue("ETag").orElseThrow());
        assertThat(jdbc.sql("select count(*) from segmentations").query(Long.class).single()).as("no version 3 from stale data").isEqualTo(2);

        // A follows the fix: the newest version (a draft) takes A's change beside B's
        HttpResponse<String> onNewest = send("PUT", "/api/v1/segmentations/" + second, "{\"goals\": {\"at_risk\": \"A's goal\"}}", TOKEN,
                get("/api/v1/segmentations/" + second).headers().firstValue("ETag").orElseThrow());
        assertThat(onNewest.statusCode()).as(onNewest.body()).isEqualTo(200);
        assertThat(goal(json(onNewest), "champions")).isEqualTo("B's goal");
        assertThat(goal(json(onNewest), "at_risk")).isEqualTo("A's goal");

        // two edits of the version in use sent at once with its ETag: one makes a version, the other is told of it
        String both = get(path).headers().firstValue("ETag").orElseThrow();
        List<HttpResponse<String>> answers;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("select 1 from segmentations where segmentation_id = " + first + " for update");
            }
            CompletableFuture<HttpResponse<String>> byOne = http.sendAsync(request("PUT", path, "{\"goals\": {\"loyal_customers\": \"one\"}}",
                    colleagueToken, both), HttpResponse.BodyHandlers.ofString());
            CompletableFuture<HttpResponse<String>> byOther = http.sendAsync(request("PUT", path, "{\"goals\": {\"loyal_customers\": \"other\"}}", TOKEN,
                    both), HttpResponse.BodyHandlers.ofString());
            awaitSessionsWaitingForLocks(2);
            holder.rollback();
            answers = List.of(byOne.join(), byOther.join());
        }
        assertThat(answers.stream().map(HttpResponse::statusCode).sorted().toList()).as(answers.toString()).containsExactly(200, 412);
        assertThat(jdbc.sql("select count(*) from segmentations").query(Long.class).single()).as("one more version").isEqualTo(3);
    }

    @Test
    void aDestination() throws Exception {
        HttpResponse<String> created = post("/api/v1/destinations", "application/json", "{\"name\": \"crm\", \"url\": \"https://crm.example.com/in\","
                + " \"secret\": \"" + WEBHOOK_SECRET + "\", \"channels\": [\"email\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        holds(new Editable("Destination 'crm'", "/api/v1/destinations/crm", "{\"url\": \"https://a.example.com/in\", \"channels\": [\"email\"]}",
                "{\"url\": \"https://b.example.com/in\", \"channels\": [\"email\"]}", body -> body.get("url").asText(),
                "https://a.example.com/in", "https://b.example.com/in",
                "select pg_advisory_xact_lock(hashtext('strata-delivery-destinations'))", "destination", "crm"));
    }

    @Test
    void aFrequencyCap() throws Exception {
        assertThat(put("/api/v1/frequency-caps/sms", "{\"maxDeliveries\": 2, \"windowDays\": 7}").statusCode()).isEqualTo(200);
        holds(new Editable("The frequency cap of channel sms", "/api/v1/frequency-caps/sms", "{\"maxDeliveries\": 5, \"windowDays\": 30}",
                "{\"maxDeliveries\": 3, \"windowDays\": 7}", body -> body.get("maxDeliveries").asText(), "5", "3",
                "select pg_advisory_xact_lock(hashtext('strata-frequency-cap'), hashtext('SMS'))", "frequency_cap", "sms"));
    }

    @Test
    void theGlobalHoldout() throws Exception {
        holds(new Editable("The global holdout", "/api/v1/holdout", "{\"sharePercent\": 20}", "{\"sharePercent\": 10}",
                body -> body.get("sharePercent").decimalValue().stripTrailingZeros().toPlainString(), "20", "10",
                "select 1 from global_holdout for update", "holdout", "global"));
    }

    @Test
    void aSegmentationsSchedule() throws Exception {
        long id = activeRfmClassic();
        assertThat(put("/api/v1/segmentations/" + id + "/schedule", "{\"dailyAt\": \"05:00\", \"timeZone\": \"UTC\"}").statusCode()).isEqualTo(200);
        holds(new Editable("The schedule of segmentation " + id, "/api/v1/segmentations/" + id + "/schedule",
                "{\"dailyAt\": \"07:00\", \"timeZone\": \"UTC\"}", "{\"dailyAt\": \"06:00\", \"timeZone\": \"UTC\"}",
                body -> body.get("dailyAt").asText(), "07:00", "06:00",
                "select pg_advisory_xact_lock(hashtext('strata-segmentation-schedule'), " + id + ")", "segmentation_schedule", Long.toString(id)));
    }

    @Test
    void deletionsTooAreRefusedAfterAChangeTheyDidNotSee() throws Exception {
        assertThat(post("/api/v1/destinations", "application/json", "{\"name\": \"crm\", \"url\": \"https://crm.example.com/in\", \"secret\": \""
                + WEBHOOK_SECRET + "\", \"channels\": [\"email\"]}").statusCode()).isEqualTo(201);
        String read = get("/api/v1/destinations/crm").headers().firstValue("ETag").orElseThrow();
        assertThat(send("PUT", "/api/v1/destinations/crm", "{\"url\": \"https://b.example.com/in\", \"channels\": [\"email\"]}",
                colleagueToken, read).statusCode()).isEqualTo(200);

        HttpResponse<String> stale = send("DELETE", "/api/v1/destinations/crm", null, TOKEN, read);
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
        assertThat(get("/api/v1/destinations/crm").statusCode()).as("B's destination is kept").isEqualTo(200);
        String current = get("/api/v1/destinations/crm").headers().firstValue("ETag").orElseThrow();
        assertThat(send("DELETE", "/api/v1/destinations/crm", null, TOKEN, current).statusCode()).isEqualTo(204);

        assertThat(put("/api/v1/frequency-caps/sms", "{\"maxDeliveries\": 2, \"windowDays\": 7}").statusCode()).isEqualTo(200);
        String capRead = get("/api/v1/frequency-caps/sms").headers().firstValue("ETag").orElseThrow();
        assertThat(send("PUT", "/api/v1/frequency-caps/sms", "{\"maxDeliveries\": 3, \"windowDays\": 7}", colleagueToken, null).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v1/frequency-caps/sms", null, TOKEN, capRead).statusCode()).isEqualTo(412);
        assertThat(json(get("/api/v1/frequency-caps/sms")).get("maxDeliveries").asInt()).isEqualTo(3);
    }

    /** Everything the contract of an edit in place says, for one resource. */
    private void holds(Editable thing) throws Exception {
        long auditedBefore = audited(thing);
        // A reads it: a strong ETag, the same on every read of the same state
        HttpResponse<String> readByA = get(thing.path());
        assertThat(readByA.statusCode()).as(readByA.body()).isEqualTo(200);
        String seenByA = readByA.headers().firstValue("ETag").orElseThrow();
        assertThat(seenByA).matches(ETAG);
        assertThat(get(thing.path()).headers().firstValue("ETag")).hasValue(seenByA);

        // B changes it with the ETag B read (the same): saved, and the answer carries the new state's ETag
        HttpResponse<String> byB = send("PUT", thing.path(), thing.bodyOfB(), colleagueToken, seenByA);
        assertThat(byB.statusCode()).as(byB.body()).isEqualTo(200);
        String afterB = byB.headers().firstValue("ETag").orElseThrow();
        assertThat(afterB).matches(ETAG).isNotEqualTo(seenByA);
        assertThat(get(thing.path()).headers().firstValue("ETag")).as("the PUT's ETag is the stored state's").hasValue(afterB);

        // A saves with what A read: refused, 412 in words, naming B; B's change stays
        HttpResponse<String> stale = send("PUT", thing.path(), thing.bodyOfA(), TOKEN, seenByA);
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(stale);
        assertThat(problem.get("title").asText()).isEqualTo("Changed since you read it");
        assertThat(problem.get("detail").asText()).matches(java.util.regex.Pattern.quote(thing.what() + " was changed after you read it, by token:"
                + colleague + " at ") + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC" + java.util.regex.Pattern.quote(". Your changes were not saved, so as not"
                + " to overwrite that change unseen: read it again, re-apply your changes to what is stored now, and save again."));
        assertThat(problem.get("changedBy").asText()).isEqualTo("token:" + colleague);
        assertThat(problem.get("currentETag").asText()).isEqualTo(afterB);
        assertThat(problem.get("fix").asText()).isEqualTo("GET " + thing.path() + " again, re-apply your changes to what it answers, and send"
                + " them with its ETag in If-Match");
        assertThat(stale.headers().firstValue("ETag")).hasValue(afterB);
        assertThat(thing.stored().apply(json(get(thing.path())))).as("B's change is kept").isEqualTo(thing.ofB());

        // a weak tag never matches (strong comparison), a list matches when one of its tags does, a malformed header is a 400
        assertThat(send("PUT", thing.path(), thing.bodyOfA(), TOKEN, "W/" + afterB).statusCode()).isEqualTo(412);
        HttpResponse<String> malformed = send("PUT", thing.path(), thing.bodyOfA(), TOKEN, afterB.replace("\"", ""));
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertThat(json(malformed).get("title").asText()).isEqualTo("Malformed If-Match");
        assertThat(json(malformed).get("detail").asText()).isEqualTo("The If-Match header '" + afterB.replace("\"", "") + "' is not an entity tag:"
                + " send the ETag a GET of this resource answered, quotes included (If-Match: \"3q2-7w\"), or leave If-Match out to change"
                + " it whatever changed meanwhile.");
        assertThat(thing.stored().apply(json(get(thing.path())))).as("neither refusal changed anything").isEqualTo(thing.ofB());

        // A reads again and re-applies: saved
        HttpResponse<String> reapplied = send("PUT", thing.path(), thing.bodyOfA(), TOKEN, "\"nothing-seen\", " + afterB);
        assertThat(reapplied.statusCode()).as(reapplied.body()).isEqualTo(200);
        assertThat(thing.stored().apply(json(get(thing.path())))).isEqualTo(thing.ofA());
        assertThat(reapplied.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(afterB);

        // without If-Match, or with *, a change is saved whatever changed meanwhile, as before
        HttpResponse<String> blind = send("PUT", thing.path(), thing.bodyOfB(), colleagueToken, null);
        assertThat(blind.statusCode()).as(blind.body()).isEqualTo(200);
        assertThat(thing.stored().apply(json(get(thing.path())))).isEqualTo(thing.ofB());
        HttpResponse<String> any = send("PUT", thing.path(), thing.bodyOfA(), TOKEN, "*");
        assertThat(any.statusCode()).isEqualTo(200);
        assertThat(thing.stored().apply(json(get(thing.path())))).isEqualTo(thing.ofA());
        assertThat(get(thing.path()).headers().firstValue("ETag")).hasValue(any.headers().firstValue("ETag").orElseThrow());

        // two saves at once with the same ETag: both wait behind a held lock, then exactly one is saved
        String both = get(thing.path()).headers().firstValue("ETag").orElseThrow();
        List<HttpResponse<String>> answers;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute(thing.lockStatement());
            }
            CompletableFuture<HttpResponse<String>> first = http.sendAsync(request("PUT", thing.path(), thing.bodyOfB(), colleagueToken, both),
                    HttpResponse.BodyHandlers.ofString());
            CompletableFuture<HttpResponse<String>> second = http.sendAsync(request("PUT", thing.path(), thing.bodyOfB(), TOKEN, both),
                    HttpResponse.BodyHandlers.ofString());
            awaitSessionsWaitingForLocks(2);
            holder.rollback();
            answers = List.of(first.join(), second.join());
        }
        assertThat(answers.stream().map(HttpResponse::statusCode).sorted().toList()).as(answers.toString()).containsExactly(200, 412);
        assertThat(thing.stored().apply(json(get(thing.path())))).isEqualTo(thing.ofB());
        assertThat(audited(thing) - auditedBefore).as("audited changes: B, A re-applied, B blind, A with *, the one of the pair").isEqualTo(5);
    }

    private long audited(Editable thing) {
        return jdbc.sql("select count(*) from audit_events where subject_type = ? and subject_id = ?")
                .params(thing.subjectType(), thing.subjectId()).query(Long.class).single();
    }

    private static String goal(JsonNode segmentation, String key) {
        for (JsonNode segment : segmentation.get("segments")) {
            if (segment.get("key").asText().equals(key)) {
                return segment.get("goal").asText();
            }
        }
        throw new AssertionError("no segment " + key + " in " + segmentation);
    }

    private HttpResponse<String> send(String method, String path, String body, String token, String ifMatch) throws Exception {
        return send(request(method, path, body, token, ifMatch));
    }

    private HttpRequest request(String method, String path, String body, String token, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.build();
    }
}
