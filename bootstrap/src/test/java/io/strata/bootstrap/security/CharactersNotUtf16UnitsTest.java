package io.strata.bootstrap.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's names and texts are bounded in characters, as the documents say ("1–200 characters") and as PostgreSQL
 * counts them (its {@code char_length}; the columns are {@code text}, so the product's bound is the only one): 200
 * emoji are 200 characters, though Java holds each in two chars. Until session 60 these bounds counted Java's chars
 * (UTF-16 units), so a campaign of 200 emoji was refused as "1 to 200 characters" and one of 101 emoji already; the
 * session 59 probe found it for customer ids. Oracles: the contract's numbers, the bound and one past it, over real HTTP,
 * the stored text read back from the database.
 */
class CharactersNotUtf16UnitsTest extends AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @BeforeEach
    void activeTiers() throws Exception {
        activeFrequencyTiers();
    }

    private HttpResponse<String> postJson(String path, Map<String, Object> body) throws Exception {
        return post(path, "application/json", JSON.writeValueAsString(body));
    }

    private static Map<String, Object> campaign(String name, String content) {
        return Map.of("name", name, "targetSegment", "newcomers", "actions", List.of(Map.of("channel", "email", "content", content)));
    }

    private static JsonNode refusal(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).doesNotContain("ERROR:", "SQL", "java.", "Exception", "org.");
        return JSON.readTree(answer.body());
    }

    private long stored(String sql, long id) {
        return jdbc.sql(sql).param(id).query(Long.class).single();
    }

    @Test
    void aCampaignNameOf200EmojiIsTakenAndStoredWholeAnd201AreRefusedInTheProductsWords() throws Exception {
        HttpResponse<String> taken = postJson("/api/v1/campaigns", campaign(emoji(200), "hello"));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        long id = JSON.readTree(taken.body()).get("id").asLong();
        assertThat(JSON.readTree(get("/api/v1/campaigns/" + id).body()).get("name").asString()).isEqualTo(emoji(200));
        assertThat(stored("select char_length(name) from campaigns where campaign_id = ?", id)).isEqualTo(200);

        JsonNode refused = refusal(postJson("/api/v1/campaigns", campaign(emoji(201), "hello")));
        assertThat(refused.path("field").asString()).isEqualTo("name");
        assertThat(refused.path("detail").asString()).isEqualTo("the name has 201 characters; at most 200 are allowed");
    }

    @Test
    void anActionsContentOf2000EmojiIsTakenAnd2001AreRefusedWithTheirCount() throws Exception {
        HttpResponse<String> taken = postJson("/api/v1/campaigns", campaign("Emoji content", emoji(2000)));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        long id = JSON.readTree(taken.body()).get("id").asLong();
        assertThat(JSON.readTree(get("/api/v1/campaigns/" + id).body()).at("/actions/0/content").asString()).isEqualTo(emoji(2000));
        assertThat(stored("select char_length(content) from campaign_actions where campaign_id = ?", id)).isEqualTo(2000);

        JsonNode refused = refusal(postJson("/api/v1/campaigns", campaign("Emoji content", emoji(2001))));
        assertThat(refused.path("field").asString()).isEqualTo("actions[0].content");
        assertThat(refused.path("detail").asString()).isEqualTo("actions[0].content has 2001 characters; at most 2000 are allowed: put long"
                + " texts into a template and reference it");
    }

    @Test
    void aTacticalSegmentNameOf200EmojiAndAHypothesisOf2000AreTakenAndOneMoreOfEitherIsRefused() throws Exception {
        HttpResponse<String> taken = postJson("/api/v1/tactical-segments", Map.of("name", emoji(200), "parentSegment", "newcomers",
                "rule", "frequency >= 1", "hypothesis", emoji(2000)));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        long id = JSON.readTree(taken.body()).get("id").asLong();
        assertThat(stored("select char_length(name) from tactical_segments where tactical_id = ?", id)).isEqualTo(200);
        assertThat(stored("select char_length(hypothesis) from tactical_segments where tactical_id = ?", id)).isEqualTo(2000);

        JsonNode name = refusal(postJson("/api/v1/tactical-segments", Map.of("name", emoji(201), "parentSegment", "newcomers",
                "rule", "frequency >= 1")));
        assertThat(name.toString()).contains("the name has 201 characters; at most 200 are allowed");
        JsonNode hypothesis = refusal(postJson("/api/v1/tactical-segments", Map.of("name", "Emoji", "parentSegment", "newcomers",
                "rule", "frequency >= 1", "hypothesis", emoji(2001))));
        assertThat(hypothesis.toString()).contains("the hypothesis has 2001 characters; at most 2000 are allowed");
    }

    @Test
    void aSegmentationNameOf200EmojiIsTakenAnd201AreRefusedWithTheirCount() throws Exception {
        HttpResponse<String> taken = postJson("/api/v1/segmentations", Map.of("name", emoji(200), "template", "rfm-classic"));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        long id = JSON.readTree(taken.body()).get("id").asLong();
        assertThat(stored("select char_length(name) from segmentations where segmentation_id = ?", id)).isEqualTo(200);

        JsonNode refused = refusal(postJson("/api/v1/segmentations", Map.of("name", emoji(201), "template", "rfm-classic")));
        assertThat(refused.path("detail").asString()).isEqualTo("the name has 201 characters; at most 200 are allowed");
        assertThat(refused.path("field").asString()).isEqualTo("name");
    }

    @Test
    void aTokenNameOf100EmojiIsTakenAnd101AreRefused() throws Exception {
        HttpResponse<String> taken = postJson("/api/v1/tokens", Map.of("name", emoji(100), "role", "ANALYST"));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        long id = JSON.readTree(taken.body()).get("id").asLong();
        assertThat(stored("select char_length(name) from api_tokens where token_id = ?", id)).isEqualTo(100);

        JsonNode refused = refusal(postJson("/api/v1/tokens", Map.of("name", emoji(101), "role", "ANALYST")));
        assertThat(refused.path("detail").asString()).isEqualTo("'name' has 101 characters; at most 100 are allowed");
    }
}
