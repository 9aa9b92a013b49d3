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
}
