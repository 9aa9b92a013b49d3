package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Console forms refused by the server, over real HTTP with a session and CSRF: 422, the form as typed, and the message
 * next to the field it is about (the field is aria-invalid and names the message with aria-describedby), not as a
 * page-level alert.
 */
class ConsoleFormErrorsTest extends AdminConsoleTest {

    @Test
    void aRunWithABadDateIsRefusedAtTheDate() throws Exception {
        HttpResponse<String> page = admin.post("/segmentation-runs", "asOf=2024-13-45", csrf);

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(errorOf(page.body(), "as-of")).isEqualTo("'2024-13-45' is not a date; use YYYY-MM-DD.");
        assertThat(input(page.body(), "as-of")).contains("value=\"2024-13-45\"");
        assertThat(page.body()).doesNotContain("class=\"alert error\"");
    }

    @Test
    void aTooLongGoalAndAnEmptyNameAreRefusedAtTheirFields() throws Exception {
        long id = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"Goals\",\"template\":\"frequency-tiers\"}").body(), "id");
        String goal = "g".repeat(501);

        HttpResponse<String> page = admin.post("/segmentations/" + id + "/goals", "name=&goal.repeat=Stay&goal.newcomers=" + goal, csrf);

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(errorOf(page.body(), "goal-newcomers")).isEqualTo("The goal of segment newcomers has 501 characters; at most 500 are allowed");
        assertThat(errorOf(page.body(), "seg-name")).isEqualTo("A general segmentation needs a name");
        assertThat(input(page.body(), "goal-repeat")).contains("value=\"Stay\"").doesNotContain("aria-invalid");
        assertThat(input(page.body(), "goal-newcomers")).contains("value=\"" + goal + "\"");
        assertThat(get("/api/v1/segmentations/" + id).body()).contains("\"name\":\"Goals\"").doesNotContain(goal);
    }

    @Test
    void aTacticalSegmentWithoutANameIsRefusedAtTheName() throws Exception {
        HttpResponse<String> page = admin.post("/tactical-segments",
                "name=+&parentSegment=newcomers&rule=" + encode("frequency >= 1") + "&hypothesis=h", csrf);

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(errorOf(page.body(), "name")).isEqualTo("A tactical segment needs a name of 1 to 200 characters");
        assertThat(page.body()).contains("frequency &gt;= 1</textarea>");
        assertThat(input(page.body(), "hypothesis")).contains("value=\"h\"");
    }

    @Test
    void aTacticalSegmentWithSeveralWrongFieldsShowsEveryOneAtItsField() throws Exception {
        long id = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"Parents\",\"template\":\"frequency-tiers\"}").body(), "id");
        assertThat(post("/api/v1/segmentations/" + id + "/activate", "application/json", "").statusCode()).isEqualTo(200);

        HttpResponse<String> page = admin.post("/tactical-segments",
                "name=+&parentSegment=no_such_segment&rule=+&hypothesis=" + "h".repeat(2001), csrf);

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(errorOf(page.body(), "name")).isEqualTo("A tactical segment needs a name of 1 to 200 characters");
        assertThat(errorOf(page.body(), "parent")).startsWith("'no_such_segment' is not a segment of the active segmentation");
        assertThat(errorOf(page.body(), "rule")).isEqualTo("A tactical segment needs a rule, e.g. device = \"smart_tv\"");
        assertThat(errorOf(page.body(), "hypothesis")).isEqualTo("The hypothesis has 2001 characters; at most 2000 are allowed");
    }

    @Test
    void aUserWithATooShortPasswordIsRefusedAtThePassword() throws Exception {
        HttpResponse<String> page = admin.post("/admin/users", "username=planner-short&password=short&role=PLANNER", csrf);

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(errorOf(page.body(), "new-password")).isEqualTo("'password' must have at least 12 characters");
        assertThat(input(page.body(), "new-username")).contains("value=\"planner-short\"");
        assertThat(input(page.body(), "new-password")).doesNotContain("value=");
        assertThat(page.body()).doesNotContain("class=\"alert error\"");
    }

    @Test
    void aTokenWithAnUnknownRoleOrAPastExpiryIsRefusedAtThatField() throws Exception {
        HttpResponse<String> role = admin.post("/admin/tokens", "name=nightly&role=WIZARD&expiresOn=", csrf);
        assertThat(role.statusCode()).isEqualTo(422);
        // what the list offers, not a Java array (session 57)
        assertThat(errorOf(role.body(), "token-role")).isEqualTo("'WIZARD' is not a role of a token; choose ADMIN, PLANNER, ANALYST or IMPORTER.");
        assertThat(input(role.body(), "token-name")).contains("value=\"nightly\"");

        HttpResponse<String> past = admin.post("/admin/tokens", "name=nightly&role=IMPORTER&expiresOn=2020-01-01", csrf);
        assertThat(past.statusCode()).isEqualTo(422);
        // the field's label and a day, not the API's field and the moment the day ends (session 57)
        assertThat(errorOf(past.body(), "token-expires")).isEqualTo("'Expires on' must be today or a later day; leave it empty for a token without end");
        assertThat(input(past.body(), "token-expires")).contains("value=\"2020-01-01\"");
        assertThat(past.body()).contains("<option value=\"IMPORTER\" selected=\"selected\">");
        assertThat(past.body()).doesNotContain("class=\"alert error\"");
    }

    /** The opening tag of the input, select or textarea with this id. */
    /**
     * ISO-8601 allows years of nine digits: a token to expire on +999999999-12-31 failed on the day after it, which Java's
     * dates do not hold (a 500, session 49 sweep).
     */
    @Test
    void aTokenExpiringOnTheLastDayJavaHoldsIsRefusedAtItsField() throws Exception {
        HttpResponse<String> last = admin.post("/admin/tokens", "name=far&role=ANALYST&expiresOn=%2B999999999-12-31", csrf);

        assertThat(last.statusCode()).isEqualTo(422);
        assertThat(errorOf(last.body(), "token-expires")).isEqualTo("'+999999999-12-31' lies after 9999-12-31, the last day a token may "
                + "expire on; give an earlier day, or none for a token without end.");
        assertThat(get("/api/v1/tokens").body()).doesNotContain("\"name\":\"far\"");
    }

    @Test
    void aTokenExpiringAfterTheYear9999IsRefusedAtItsField() throws Exception {
        HttpResponse<String> later = admin.post("/admin/tokens", "name=later&role=ANALYST&expiresOn=%2B12026-01-01", csrf);

        assertThat(later.statusCode()).isEqualTo(422);
        assertThat(errorOf(later.body(), "token-expires")).isEqualTo("'expiresAt' (+12026-01-02T00:00:00Z) must lie on or before 9999-12-31 "
                + "(UTC); leave it out for a token without end");
        assertThat(get("/api/v1/tokens").body()).doesNotContain("\"name\":\"later\"");
    }

    /** An audit search from +999999999-01-01 reached PostgreSQL as a timestamp it cannot hold: a 500 (session 49 sweep). */
    @Test
    void anAuditSearchFromAfterTheYear9999IsRefusedInWords() throws Exception {
        HttpResponse<String> audit = admin.get("/admin/audit?from=%2B999999999-01-01");

        assertThat(audit.statusCode()).isEqualTo(422);
        assertThat(audit.body()).contains("&#39;+999999999-01-01&#39; is not a day between 0001-01-01 and 9999-12-31; give the first day as "
                + "YYYY-MM-DD, like 2026-12-01.");
    }

    private static String input(String html, String id) {
        Matcher tag = Pattern.compile("<(input|select|textarea)[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        assertThat(tag.find()).as("a field with id %s", id).isTrue();
        return tag.group();
    }

    /** The text of the message the field points to with aria-describedby; the field must be marked aria-invalid. */
    private static String errorOf(String html, String id) {
        String field = input(html, id);
        assertThat(field).as("field %s", id).contains("aria-invalid=\"true\"");
        Matcher describedBy = Pattern.compile("aria-describedby=\"([^\"]+)\"").matcher(field);
        assertThat(describedBy.find()).as("field %s names its message", id).isTrue();
        Matcher message = Pattern.compile("<small[^>]*\\sid=\"" + Pattern.quote(describedBy.group(1)) + "\"[^>]*>([^<]*)</small>").matcher(html);
        assertThat(message.find()).as("message %s of field %s", describedBy.group(1), id).isTrue();
        int fieldAt = html.indexOf(field);
        assertThat(message.start() - (fieldAt + field.length())).as("the message follows its field closely").isBetween(0, 600);
        return message.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
