package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.strata.bootstrap.security.SpringsWords.assertConsolePage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's forms under a demanding user (session 57's probe in a browser): a refused value is quoted back cut to
 * 80 characters and "…" in the console too (a 10,000-digit control group share came back whole, in the message and so
 * in the page, from every number and date field of the campaign form, the run form and the token form), the run form
 * speaks of its date and not of the API's {@code asOf}, and a role's refusal is headed "Not allowed" (it was "Request
 * not understood", the heading of a request that could not be read).
 */
class ConsoleHostileValuesTest extends AdminConsoleTest {

    private static final String DIGITS = "9".repeat(10_000);
    private static final String CUT = "9".repeat(80) + "…";

    @Test
    void refusedNumbersAndDatesOfTheCampaignFormAreQuotedCut() throws Exception {
        HttpResponse<String> form = admin.post("/campaigns", "name=Echo&targetSegment=champions&actions%5B0%5D.channel=offer"
                + "&actions%5B0%5D.content=Hi&actions%5B0%5D.discountPercent=" + DIGITS + "&controlGroupPercent=" + DIGITS
                + "&attributionWindowDays=" + DIGITS + "&startAt=" + DIGITS + "&tacticalSegmentId=" + DIGITS + "x&intent=save", csrf);

        assertThat(form.statusCode()).as(form.body()).isEqualTo(422);
        for (String field : new String[] {"controlGroupPercent", "actions-0-discountPercent", "attributionWindowDays", "startAt",
                "tacticalSegmentId"}) {
            String message = fieldError(form.body(), field);
            assertThat(message).as(field).contains(CUT).doesNotContain("9".repeat(81)).hasSizeLessThan(400);
        }
        assertThat(fieldError(form.body(), "controlGroupPercent")).isEqualTo("The control group share is " + CUT
                + "; give a share between 0 and 50 percent with at most 2 decimals (default 10; 0 means no control group)");
        assertThat(form.body().length()).as("the values are in their inputs once, not again in five messages").isLessThan(6 * DIGITS.length());
    }

    @Test
    void theRunFormQuotesACutDateAndSpeaksOfTheRunDate() throws Exception {
        HttpResponse<String> garbage = admin.post("/segmentation-runs", "asOf=" + DIGITS, csrf);
        HttpResponse<String> future = admin.post("/segmentation-runs", "asOf=2999-01-01", csrf);

        assertThat(garbage.statusCode()).isEqualTo(422);
        assertThat(fieldError(garbage.body(), "asOf")).isEqualTo("'" + CUT + "' is not a date; use YYYY-MM-DD.");
        assertThat(future.statusCode()).isEqualTo(422);
        assertThat(fieldError(future.body(), "asOf")).startsWith("The run date 2999-01-01 is outside the dates a run can be as of, 1900-01-01 to ")
                .endsWith("(a day past today); leave the date empty to run as of today").doesNotContain("asOf").doesNotContain("AsOf");
    }

    @Test
    void theTokenFormQuotesACutDate() throws Exception {
        HttpResponse<String> form = admin.post("/admin/tokens", "name=Echo&role=ANALYST&expiresOn=" + DIGITS, csrf);

        assertThat(form.statusCode()).isEqualTo(422);
        assertThat(fieldError(form.body(), "token.expiresOn")).isEqualTo("'" + CUT + "' is not a date; use YYYY-MM-DD.");
    }

    @Test
    void aRolesRefusalIsHeadedNotAllowedAndAStaleFormStillSaysToReload() throws Exception {
        ConsoleSession analyst = loggedIn("ANALYST", PASSWORD);

        HttpResponse<String> page = analyst.get("/campaigns/new");
        HttpResponse<String> stale = admin.post("/campaigns", "name=x", "not-the-token");

        assertConsolePage(page, 403, "refused");
        assertThat(page.body()).contains("<h1>Not allowed</h1>").contains("<title>Not allowed").doesNotContain("Request not understood")
                .contains("Your role may not open this page or send this form; ask an admin for a role that may.");
        assertConsolePage(stale, 403, "refused");
        assertThat(stale.body()).contains("<h1>Request not understood</h1>").contains("The form was sent without a valid security token");
    }

    @Test
    void anAnalystReadsASegmentationsGoalsWithoutFieldsToTypeInto() throws Exception {
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Read only\",\"template\":\"rfm-classic\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = field(created.body(), "id");
        ConsoleSession analyst = loggedIn("ANALYST", PASSWORD);

        String asAnalyst = analyst.get("/segmentations/" + id).body();
        String asAdmin = admin.get("/segmentations/" + id).body();

        // session 57's probe: the analyst got the draft's name and eleven goals as fields to type into, with no Save
        assertThat(inputs(asAnalyst)).isNotEmpty().allSatisfy(input -> assertThat(input).contains("disabled"));
        assertThat(asAnalyst).doesNotContain("id=\"save-goals\"");
        assertThat(inputs(asAdmin)).isNotEmpty().allSatisfy(input -> assertThat(input).doesNotContain("disabled"));
        assertThat(asAdmin).contains("id=\"save-goals\"");
    }

    /** The name and goal inputs of a segmentation's page. */
    private static java.util.List<String> inputs(String html) {
        return Pattern.compile("<input[^>]*name=\"(?:name|goal\\.[a-z_]+)\"[^>]*>").matcher(html).results().map(java.util.regex.MatchResult::group).toList();
    }

    /** The message under a field, by the id FieldErrors gives it, unescaped. */
    private static String fieldError(String html, String field) {
        Matcher m = Pattern.compile("<small class=\"field-error\" id=\"error-"
                + Pattern.quote(field.replaceAll("[^A-Za-z0-9]+", "-")) + "\">([^<]*)</small>").matcher(html);
        assertThat(m.find()).as("a message under " + field).isTrue();
        return m.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
