package io.strata.bootstrap.security;

import io.strata.bootstrap.RefusedInserts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change and its audit entry are one unit of work: when the database refuses the entry, the change is not made
 * either, as the API shows afterwards. Each refusal here is a real failure of the insert into audit_events.
 */
class ChangeAndAuditEntryTest extends AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void segmentationChangesWhoseEntriesAreRefusedAreNotMade() throws Exception {
        emptyDatabase();
        String name = "Unaudited " + unique();
        HttpResponse<String> created;
        try (RefusedInserts refused = refusedEntries("segmentation")) {
            created = postJsonAs(TOKEN, "/api/v1/segmentations", "{\"name\":\"" + name + "\",\"template\":\"frequency-tiers\"}");
        }
        assertThat(created.statusCode()).isEqualTo(500);
        assertThat(getAs(TOKEN, "/api/v1/segmentations").body()).doesNotContain(name);

        long id = id(postJsonAs(TOKEN, "/api/v1/segmentations", "{\"name\":\"Audited\",\"template\":\"frequency-tiers\"}"));
        long other = id(postJsonAs(TOKEN, "/api/v1/segmentations", "{\"name\":\"Other\",\"template\":\"frequency-tiers\"}"));
        try (RefusedInserts refused = refusedEntries("segmentation")) {
            assertThat(call("PUT", "/api/v1/segmentations/" + id, TOKEN, "application/json", "{\"goals\":{\"loyal\":\"Keep them close\"}}")
                    .statusCode()).isEqualTo(500);
            assertThat(postJsonAs(TOKEN, "/api/v1/segmentations/" + id + "/activate", "").statusCode()).isEqualTo(500);
            assertThat(postJsonAs(TOKEN, "/api/v1/segmentations/" + other + "/retire", "").statusCode()).isEqualTo(500);
        }

        JsonNode audited = json(getAs(TOKEN, "/api/v1/segmentations/" + id));
        assertThat(audited.get("status").asString()).isEqualTo("DRAFT");
        assertThat(audited.toString()).doesNotContain("Keep them close");
        assertThat(json(getAs(TOKEN, "/api/v1/segmentations/" + other)).get("status").asString()).isEqualTo("DRAFT");
        assertThat(entries("segmentation", id)).isEqualTo(1);
        assertThat(entries("segmentation", other)).isEqualTo(1);
    }

    @Test
    void campaignChangesWhoseEntriesAreRefusedAreNotMade() throws Exception {
        activeSegmentation();
        String name = "Unaudited campaign " + unique();
        HttpResponse<String> created;
        try (RefusedInserts refused = refusedEntries("campaign")) {
            created = postJsonAs(TOKEN, "/api/v1/campaigns", campaign(name));
        }
        assertThat(created.statusCode()).isEqualTo(500);
        assertThat(getAs(TOKEN, "/api/v1/campaigns").body()).doesNotContain(name);

        long id = id(postJsonAs(TOKEN, "/api/v1/campaigns", campaign("Audited campaign")));
        try (RefusedInserts refused = refusedEntries("campaign")) {
            assertThat(call("PUT", "/api/v1/campaigns/" + id, TOKEN, "application/json", campaign("Renamed campaign")).statusCode())
                    .isEqualTo(500);
            assertThat(postJsonAs(TOKEN, "/api/v1/campaigns/" + id + "/schedule", "").statusCode()).isEqualTo(500);
            assertThat(postJsonAs(TOKEN, "/api/v1/campaigns/" + id + "/cancel", "{\"reason\":\"test\"}").statusCode()).isEqualTo(500);
        }

        JsonNode audited = json(getAs(TOKEN, "/api/v1/campaigns/" + id));
        assertThat(audited.get("name").asString()).isEqualTo("Audited campaign");
        assertThat(audited.get("state").asString()).isEqualTo("DRAFT");
        assertThat(entries("campaign", id)).isEqualTo(1);
    }

    @Test
    void tacticalSegmentChangesWhoseEntriesAreRefusedAreNotMade() throws Exception {
        activeSegmentation();
        String name = "Unaudited tactical " + unique();
        HttpResponse<String> created;
        try (RefusedInserts refused = refusedEntries("tactical_segment")) {
            created = postJsonAs(TOKEN, "/api/v1/tactical-segments", tactical(name));
        }
        assertThat(created.statusCode()).isEqualTo(500);
        assertThat(getAs(TOKEN, "/api/v1/tactical-segments").body()).doesNotContain(name);

        long id = id(postJsonAs(TOKEN, "/api/v1/tactical-segments", tactical("Audited tactical " + unique())));
        try (RefusedInserts refused = refusedEntries("tactical_segment")) {
            assertThat(postJsonAs(TOKEN, "/api/v1/tactical-segments/" + id + "/archive", "").statusCode()).isEqualTo(500);
        }

        assertThat(json(getAs(TOKEN, "/api/v1/tactical-segments/" + id)).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(entries("tactical_segment", id)).isEqualTo(1);
    }

    private RefusedInserts refusedEntries(String subjectType) {
        return RefusedInserts.into(jdbc, "audit_events", "new.subject_type = '" + subjectType + "'");
    }

    private void activeSegmentation() throws Exception {
        emptyDatabase();
        long id = id(postJsonAs(TOKEN, "/api/v1/segmentations", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}"));
        assertThat(postJsonAs(TOKEN, "/api/v1/segmentations/" + id + "/activate", "").statusCode()).isEqualTo(200);
    }

    private static String campaign(String name) {
        return "{\"name\":\"" + name + "\",\"targetSegment\":\"repeat\",\"actions\":[{\"channel\":\"email\",\"content\":\"hi\"}]}";
    }

    private static String tactical(String name) {
        return "{\"name\":\"" + name + "\",\"parentSegment\":\"repeat\",\"rule\":\"frequency >= 4\"}";
    }

    private long entries(String subjectType, long id) throws Exception {
        return json(getAs(TOKEN, "/api/v1/audit?subjectType=" + subjectType + "&subjectId=" + id)).get("total").asLong();
    }

    private static long id(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asLong();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
