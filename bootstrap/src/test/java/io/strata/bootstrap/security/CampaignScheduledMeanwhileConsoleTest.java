package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign draft open in one tab while it is scheduled in another, then saved from the first (session 57's probe):
 * the 409 said "re-apply your changes to what is stored now, and save again" under a Save button, and saving again
 * answered "Campaign 13 is SCHEDULED and cannot edit". Now the 409 says the campaign is no draft any more, who changed
 * it and when, what to do with the changes kept in the form, and offers no Save.
 */
class CampaignScheduledMeanwhileConsoleTest extends AdminConsoleTest {

    @Test
    void aDraftScheduledInAnotherTabIsNotOfferedToBeSavedAgain() throws Exception {
        emptyDatabase();
        long segmentation = Long.parseLong(field(postJsonAs(TOKEN, "/api/v1/segmentations", "{\"name\": \"Value\", \"template\": \"rfm-classic\"}").body(), "id"));
        assertThat(postJsonAs(TOKEN, "/api/v1/segmentations/" + segmentation + "/activate", "").statusCode()).isEqualTo(200);
        HttpResponse<String> created = postJsonAs(TOKEN, "/api/v1/campaigns", """
                {"name": "Two tabs", "targetSegment": "champions", "actions": [{"channel": "email", "content": "Hi"}]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = field(created.body(), "id");
        String form = admin.get("/campaigns/" + id + "/edit").body();
        assertThat(postJsonAs(TOKEN, "/api/v1/campaigns/" + id + "/schedule", "").statusCode()).as("scheduled in another tab").isEqualTo(200);

        HttpResponse<String> saved = admin.post("/campaigns/" + id + "/edit", "seen=" + seen(form) + "&name=" + encoded("Two tabs, renamed")
                + "&targetSegment=champions&actions%5B0%5D.channel=email&actions%5B0%5D.content=Hi&controlGroupPercent=10"
                + "&attributionWindowDays=30&intent=save", csrf);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(409);
        assertThat(text(saved.body(), "edit-conflict-message").replace("&#39;", "'")).startsWith("Campaign " + id + " is SCHEDULED now (changed by ")
                .endsWith(" UTC), and only a draft is edited, so your changes were not saved. They are still in the form below: to keep them,"
                        + " cancel the campaign on its page and plan a new one with them.");
        assertThat(saved.body()).doesNotContain("id=\"save-campaign\"").doesNotContain("Re-apply your changes")
                .contains("id=\"no-longer-draft\"").containsPattern("id=\"name\"[^>]*value=\"Two tabs, renamed\"");
        assertThat(jdbc.sql("select name from campaigns where campaign_id = ?").param(Long.parseLong(id)).query(String.class).single())
                .isEqualTo("Two tabs");
    }

    private static String seen(String page) {
        Matcher seen = Pattern.compile("name=\"seen\" id=\"seen\" value=\"([^\"]+)\"").matcher(page);
        assertThat(seen.find()).as("the draft's form carries what it showed").isTrue();
        return seen.group(1);
    }
}
