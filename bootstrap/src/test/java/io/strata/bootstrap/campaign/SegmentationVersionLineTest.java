package io.strata.bootstrap.campaign;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A segmentation's line of versions (session 53): an edit of a segmentation in use makes a new version from it
 * ({@code made_from}, changeset 570). The API says of each version which version was made from it ({@code newerVersion},
 * null on the newest), so that an API user whose edit of an older version is refused (412) sees why; versions made before
 * changeset 570 get their {@code made_from} from the audit trail (changeset 600), as the upgrade runs it.
 */
class SegmentationVersionLineTest extends CampaignTestSupport {

    @BeforeEach
    void base() throws Exception {
        handMadeBase();
    }

    @Test
    void aVersionANewerOneWasMadeFromNamesItAndTheNewestNamesNone() throws Exception {
        long first = activeRfmClassic();
        assertThat(newerVersion(first)).as("alone in its line").isNull();
        assertThat(json(get("/api/v1/segmentations/" + first)).has("newerVersion")).as("the field is there, null").isTrue();
        String readBefore = get("/api/v1/segmentations/" + first).headers().firstValue("ETag").orElseThrow();

        long second = editedGoal(first, "champions", "Keep them close");
        assertThat(second).isNotEqualTo(first);
        assertThat(newerVersion(first)).isEqualTo(second);
        assertThat(newerVersion(second)).isNull();

        // the second, active and in use, is edited too: a third version, made from the second
        assertThat(post("/api/v1/segmentations/" + second + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        long third = editedGoal(second, "at_risk", "Win them back");
        assertThat(newerVersion(first)).as("the version made from it, not the newest of the line").isEqualTo(second);
        assertThat(newerVersion(second)).isEqualTo(third);
        assertThat(newerVersion(third)).isNull();

        // the list says the same of each
        JsonNode all = json(get("/api/v1/segmentations"));
        assertThat(all).extracting(s -> s.get("id").asLong() + ":" + (s.get("newerVersion").isNull() ? "null" : s.get("newerVersion").asLong()))
                .containsExactly(first + ":" + second, second + ":" + third, third + ":null");

        // an edit of the first with the ETag read before the second was made: refused (412), and the body read now says why
        HttpResponse<String> refused = http.send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/segmentations/" + first))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json").header("If-Match", readBefore)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"goals\": {\"champions\": \"Mine\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(412);
        assertThat(json(refused).get("newestVersion").asText()).isEqualTo("/api/v1/segmentations/" + third);
    }

    @Test
    void versionsMadeBeforeChangeset570AreLinkedFromTheAuditTrailByChangeset600() throws Exception {
        long first = activeRfmClassic();
        long second = editedGoal(first, "champions", "Keep them close");
        assertThat(post("/api/v1/segmentations/" + second + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        long third = editedGoal(second, "at_risk", "Win them back");
        // a draft edited in place (CHANGED, no new version) and another segmentation from a template: neither made from any
        HttpResponse<String> other = post("/api/v1/segmentations", "application/json", "{\"name\": \"Tiers\", \"template\": \"frequency-tiers\"}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        long tiers = json(other).get("id").asLong();
        assertThat(put("/api/v1/segmentations/" + tiers, "{\"name\": \"Tiers, renamed\"}").statusCode()).isEqualTo(200);
        assertThat(madeFrom(first, second, third, tiers)).containsExactly(first + ":null", second + ":" + first, third + ":" + second, tiers + ":null");

        // a base from before changeset 570: no version knows the one it was made from; the upgrade's changeset 600 finds them
        jdbc.sql("update segmentations set made_from = null").update();
        assertThat(newerVersion(first)).as("what an upgraded base answered before changeset 600").isNull();
        String changeset = Files.readString(Path.of("../adapters-persistence/src/main/resources/db/changelog/600-segmentation-versions-made-from-the-trail.sql"));
        String backfill = changeset.substring(changeset.indexOf("update segmentations s set made_from"));
        assertThat(jdbc.sql(backfill.substring(0, backfill.lastIndexOf(';'))).update()).as("two versions linked").isEqualTo(2);

        assertThat(madeFrom(first, second, third, tiers)).containsExactly(first + ":null", second + ":" + first, third + ":" + second, tiers + ":null");
        assertThat(newerVersion(first)).isEqualTo(second);
        assertThat(newerVersion(second)).isEqualTo(third);
        assertThat(newerVersion(third)).isNull();
        assertThat(newerVersion(tiers)).isNull();
    }

    /** Edits a goal of a segmentation in use over the API: the id of the version it made. */
    private long editedGoal(long id, String segment, String goal) throws Exception {
        HttpResponse<String> edited = put("/api/v1/segmentations/" + id, "{\"goals\": {\"" + segment + "\": \"" + goal + "\"}}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        return json(edited).get("id").asLong();
    }

    private Long newerVersion(long id) throws Exception {
        HttpResponse<String> answer = get("/api/v1/segmentations/" + id);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode newer = json(answer).get("newerVersion");
        return newer == null || newer.isNull() ? null : newer.asLong();
    }

    private List<String> madeFrom(long... ids) {
        return jdbc.sql("select segmentation_id, made_from from segmentations where segmentation_id = any(?) order by segmentation_id")
                .param(java.util.Arrays.stream(ids).boxed().toArray(Long[]::new))
                .query((rs, n) -> rs.getLong(1) + ":" + rs.getObject(2)).list();
    }
}
