package io.strata.bootstrap.security;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;

/** What drives campaigns is traceable: definitions, activations, runs and tactical segments leave audit entries. */
class DefinitionAuditTest extends EndToEndTest {

    @Test
    void creatingChangingActivatingAndRunningASegmentationIsAuditedWithTheActorAndTheDefinitions() throws Exception {
        emptyDatabase();
        long id = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"Audited\",\"template\":\"frequency-tiers\"}").body(), "id");
        send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/segmentations/" + id)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"goals\":{\"loyal\":\"Keep them close\"}}")).build());
        post("/api/v1/segmentations/" + id + "/activate", "application/json", "");
        long run = number(post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-06-30\"}").body(), "runId");

        HttpResponse<String> trail = get("/api/v1/audit?subjectType=segmentation&subjectId=" + id);
        HttpResponse<String> runs = get("/api/v1/audit?subjectType=segmentation_run&subjectId=" + run);

        assertThat(trail.statusCode()).isEqualTo(200);
        assertThat(trail.body()).contains("\"CREATED\"").contains("\"CHANGED\"").contains("\"ACTIVATED\"")
                .contains("token:STRATA_API_TOKEN").contains("Keep them close");
        assertThat(runs.body()).contains("\"RAN\"").contains("as of 2024-06-30");
    }

    @Test
    void creatingATacticalSegmentIsAuditedWithItsRule() throws Exception {
        emptyDatabase();
        long id = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"A\",\"template\":\"frequency-tiers\"}").body(), "id");
        post("/api/v1/segmentations/" + id + "/activate", "application/json", "");
        long tactical = number(post("/api/v1/tactical-segments", "application/json",
                "{\"name\":\"Audited tactical\",\"parentSegment\":\"repeat\",\"rule\":\"frequency >= 4\"}").body(), "id");

        HttpResponse<String> trail = get("/api/v1/audit?subjectType=tactical_segment&subjectId=" + tactical);

        assertThat(trail.body()).contains("\"CREATED\"").contains("frequency >= 4").contains("token:STRATA_API_TOKEN");
    }

    @Test
    void planningAndSchedulingACampaignIsAudited() throws Exception {
        emptyDatabase();
        long id = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"C\",\"template\":\"frequency-tiers\"}").body(), "id");
        post("/api/v1/segmentations/" + id + "/activate", "application/json", "");
        long campaign = number(post("/api/v1/campaigns", "application/json", "{\"name\":\"Audited campaign\",\"targetSegment\":\"repeat\","
                + "\"actions\":[{\"channel\":\"email\",\"content\":\"hi\"}]}").body(), "id");
        post("/api/v1/campaigns/" + campaign + "/schedule", "application/json", "");

        String trail = get("/api/v1/audit?subjectType=campaign&subjectId=" + campaign).body();

        assertThat(trail).contains("\"CREATED\"").contains("\"CHANGED\"").contains("DRAFT -> SCHEDULED").contains("token:STRATA_API_TOKEN");
    }

    @Test
    void cancellingRetiringAndArchivingEachRecordTheirOwnVerb() throws Exception {
        emptyDatabase();
        long active = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"Kept\",\"template\":\"frequency-tiers\"}").body(), "id");
        post("/api/v1/segmentations/" + active + "/activate", "application/json", "");
        long retired = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"Retired\",\"template\":\"frequency-tiers\"}").body(), "id");
        long campaign = number(post("/api/v1/campaigns", "application/json", "{\"name\":\"Cancelled campaign\",\"targetSegment\":\"repeat\","
                + "\"actions\":[{\"channel\":\"email\",\"content\":\"hi\"}]}").body(), "id");
        long tactical = number(post("/api/v1/tactical-segments", "application/json",
                "{\"name\":\"Archived tactical\",\"parentSegment\":\"repeat\",\"rule\":\"frequency >= 4\"}").body(), "id");

        assertThat(post("/api/v1/campaigns/" + campaign + "/cancel", "application/json", "{\"reason\":\"budget cut\"}").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/segmentations/" + retired + "/retire", "application/json", "").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/tactical-segments/" + tactical + "/archive", "application/json", "").statusCode()).isEqualTo(200);

        String cancel = get("/api/v1/audit?action=CANCELLED&subjectType=campaign&subjectId=" + campaign).body();
        String retire = get("/api/v1/audit?action=RETIRED&subjectType=segmentation&subjectId=" + retired).body();
        String archive = get("/api/v1/audit?action=ARCHIVED&subjectType=tactical_segment&subjectId=" + tactical).body();
        assertThat(cancel).contains("\"total\":1").contains("DRAFT -> CANCELLED");
        assertThat(retire).contains("\"total\":1").contains("\"detail\":\"retired\"");
        assertThat(archive).contains("\"total\":1").contains("\"detail\":\"archived\"");
        assertThat(get("/api/v1/audit?subjectType=campaign&subjectId=" + campaign).body()
                + get("/api/v1/audit?subjectType=segmentation&subjectId=" + retired).body()
                + get("/api/v1/audit?subjectType=tactical_segment&subjectId=" + tactical).body()).as("no longer written").doesNotContain("DEACTIVATED");
    }

    @Test
    void entriesWrittenWithTheOldDeactivatedVerbAreStillReadAndFound() throws Exception {
        String subject = "old-" + System.nanoTime();
        // as a release before the verbs of their own wrote a campaign cancel; the trail is never rewritten
        jdbc.sql("insert into audit_events (actor, action, subject_type, subject_id, detail) values ('user:old', 'DEACTIVATED', 'campaign', ?, ?)")
                .params(subject, "DRAFT -> CANCELLED").update();

        HttpResponse<String> found = get("/api/v1/audit?action=deactivated&subjectType=campaign&subjectId=" + subject);
        HttpResponse<String> all = get("/api/v1/audit?subjectType=campaign&subjectId=" + subject);

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains("\"total\":1").contains("\"action\":\"DEACTIVATED\"").contains("user:old");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("\"action\":\"DEACTIVATED\"").contains("DRAFT -> CANCELLED");
    }

    @Test
    void editingACampaignDraftKeepsThePlanBeforeAndAfter() throws Exception {
        emptyDatabase();
        long id = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"D\",\"template\":\"frequency-tiers\"}").body(), "id");
        post("/api/v1/segmentations/" + id + "/activate", "application/json", "");
        long campaign = number(post("/api/v1/campaigns", "application/json", "{\"name\":\"First name\",\"targetSegment\":\"repeat\","
                + "\"actions\":[{\"channel\":\"email\",\"content\":\"hi\"}],\"controlGroupPercent\":10}").body(), "id");
        HttpResponse<String> edited = send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/campaigns/" + campaign))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"Second name\",\"targetSegment\":\"loyal\","
                        + "\"actions\":[{\"channel\":\"sms\",\"content\":\"hello\"}],\"controlGroupPercent\":25}")).build());
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);

        tools.jackson.databind.JsonNode entries = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(get("/api/v1/audit?subjectType=campaign&subjectId=" + campaign).body());
        tools.jackson.databind.JsonNode created = null;
        tools.jackson.databind.JsonNode changed = null;
        for (tools.jackson.databind.JsonNode entry : entries.path("events")) {
            if (entry.path("action").asString().equals("CREATED")) {
                created = entry;
            } else if (entry.path("action").asString().equals("CHANGED")) {
                changed = entry;
            }
        }

        assertThat(created).isNotNull();
        assertThat(created.path("after").asString()).contains("\"name\":\"First name\"").contains("\"targetSegment\":\"repeat\"")
                .contains("email hi").contains("\"controlGroupPercent\":10");
        assertThat(changed).isNotNull();
        assertThat(changed.path("before").asString()).contains("First name").contains("\"targetSegment\":\"repeat\"").contains("email hi")
                .contains("\"controlGroupPercent\":10");
        assertThat(changed.path("after").asString()).contains("Second name").contains("\"targetSegment\":\"loyal\"").contains("sms hello")
                .contains("\"controlGroupPercent\":25");
    }
}
